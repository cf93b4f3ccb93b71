import "server-only";
import bcrypt from "bcryptjs";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { headers } from "next/headers";
import { LOCK_MINUTES, LOGIN_FAILURES_PER_ACCOUNT, LOGIN_FAILURES_PER_ADDRESS, MAX_FAILED_LOGINS, throttleKeys } from "@/lib/cloud/identity";
import { loginInput } from "@/lib/schemas/auth";
import { clientAddress } from "../client-address";
import { db } from "../db";
import { appendAuditNow } from "../repositories/audit";
import { claimLoginSlots, releaseLoginSlots } from "../repositories/login-throttle";
import { audited } from "../services/audit";
import { loadActor, type Actor } from "./actor";
import { authConfig } from "./config";

export class InvalidCredentials extends CredentialsSignin {
  override code = "invalid_credentials";
}
export class AccountLocked extends CredentialsSignin {
  override code = "account_locked";
}
export class AccountDisabled extends CredentialsSignin {
  override code = "account_disabled";
}
export class RateLimited extends CredentialsSignin {
  override code = "rate_limited";
}

// A dummy compare, so an unknown user name takes as long as a wrong password.
let dummyHash: string | null = null;
const dummy = () => (dummyHash ??= bcrypt.hashSync("no-such-user", 10));

/** End a session for good (a cookie re-issued by a request already in flight stays refused), and record it. */
export async function revokeSession(sessionId: string, actor: Actor | null): Promise<void> {
  if (!actor) {
    await db.userSession.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: new Date() } });
    return;
  }
  // Recorded once, however many sign-outs of the session race (it is revoked only once).
  if (!(await db.userSession.findFirst({ where: { id: sessionId, revokedAt: null }, select: { id: true } }))) return;
  await audited(actor, { action: "auth.logout", targetType: "user", targetId: actor.userId }, async (tx) => {
    await tx.userSession.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: new Date() } });
  });
}

/** Sign-ins and refusals go to the audit log like any other state change. */
async function auditSignIn(user: { id: string; username: string; vdcId: string | null } | null, username: string, result: "success" | "failure", detail: string | null, from: SignInSource) {
  await appendAuditNow(db, { actorId: user?.id ?? null, actorName: user?.username ?? username.slice(0, 64), roles: "", vdcId: user?.vdcId ?? null, action: "auth.login", targetType: "user", targetId: user?.id ?? null, before: null, after: null, result, detail, sourceIp: from.sourceIp, ...(from.channel ? { source: from.channel } : {}) });
}

/** Where a sign-in comes from: the client's address, and the OpenStack API's token request ("api") or the sign-in page. */
export interface SignInSource {
  sourceIp: string | null;
  channel?: "api";
}

/**
 * Check a password under the lockout and the rate limits (wall-clock times: security).
 * Every attempt first claims a failure slot on its account and source address; a wrong password
 * is compared only after it also claimed one of the account's MAX_FAILED_LOGINS slots, with a
 * conditional update, so parallel attempts can never check more passwords than that before the
 * lock, and a locked account never signs in. Refusals while locked or rate-limited are not
 * written to the audit log one by one: the lock and the first refusal of a window are.
 */
export async function verifyCredentials(username: string, password: string, from: SignInSource = { sourceIp: null }): Promise<{ id: string; name: string }> {
  const now = new Date();
  const keys = throttleKeys(username, from.sourceIp);
  const slots = await claimLoginSlots(db, keys, now);
  if (!slots.ok) {
    if (slots.firstRefusal) await auditSignIn(null, username, "failure", `rate limited: more than ${LOGIN_FAILURES_PER_ACCOUNT} failed sign-ins per hour on the account or ${LOGIN_FAILURES_PER_ADDRESS} from the address`, from);
    throw new RateLimited();
  }
  const user = await db.user.findUnique({ where: { username } });
  if (!user) {
    await bcrypt.compare(password, dummy());
    await auditSignIn(null, username, "failure", "unknown user", from);
    throw new InvalidCredentials();
  }
  if (user.disabled) {
    await auditSignIn(user, username, "failure", "account disabled", from);
    throw new AccountDisabled();
  }
  const unlocked = { OR: [{ lockedUntil: null }, { lockedUntil: { lte: now } }] };
  // The attempt's own slot, taken before the hash is compared.
  const claim = await db.user.updateMany({ where: { id: user.id, failedLogins: { lt: MAX_FAILED_LOGINS }, ...unlocked }, data: { failedLogins: { increment: 1 } } });
  if (claim.count === 0) throw new AccountLocked();
  if (!(await bcrypt.compare(password, user.passwordHash))) {
    // The attempt that finds every slot taken locks the account; only one can.
    const locked = await db.user.updateMany({ where: { id: user.id, failedLogins: { gte: MAX_FAILED_LOGINS }, ...unlocked }, data: { lockedUntil: new Date(now.getTime() + LOCK_MINUTES * 60_000), failedLogins: 0 } });
    if (locked.count === 1) {
      await auditSignIn(user, username, "failure", `wrong password; locked for ${LOCK_MINUTES} minutes`, from);
      throw new AccountLocked();
    }
    await auditSignIn(user, username, "failure", "wrong password", from);
    throw new InvalidCredentials();
  }
  // Conditional too: a lock taken meanwhile by this account's other attempts still holds.
  const signedIn = await db.user.updateMany({ where: { id: user.id, ...unlocked }, data: { failedLogins: 0, lockedUntil: null, lastLoginAt: now } });
  if (signedIn.count === 0) throw new AccountLocked();
  await releaseLoginSlots(db, keys.map((k) => k.key));
  await auditSignIn(user, username, "success", null, from);
  return { id: user.id, name: user.displayName };
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  ...authConfig,
  callbacks: {
    ...authConfig.callbacks,
    // At sign-in (Node runtime only), record the session; its id rides in the token.
    async jwt(params) {
      if (params.user?.id) {
        const session = await db.userSession.create({ data: { userId: params.user.id } });
        params.token.sid = session.id;
      }
      return authConfig.callbacks.jwt(params);
    },
  },
  // A refused sign-in is an answer, not a server error (the audit log records it): keep it out of the error log.
  logger: {
    error(error) {
      if (error instanceof CredentialsSignin || (error as { type?: string }).type === "CredentialsSignin") return;
      console.error("[auth]", error);
    },
  },
  events: {
    // Auth.js's own POST /api/auth/signout clears the cookie; the server session ends with it.
    // The console's own sign-out (logoutAction) ends here too.
    async signOut(message) {
      const token = "token" in message ? message.token : null;
      if (typeof token?.sid !== "string") return;
      const actor = typeof token.uid === "string" ? await loadActor(db, token.uid) : null;
      await revokeSession(token.sid, actor && { ...actor, sourceIp: clientAddress(await headers()) });
    },
  },
  providers: [
    Credentials({
      credentials: { username: {}, password: {} },
      async authorize(raw, request) {
        const parsed = loginInput.safeParse(raw);
        if (!parsed.success) throw new InvalidCredentials();
        return verifyCredentials(parsed.data.username, parsed.data.password, { sourceIp: clientAddress(request.headers) });
      },
    }),
  ],
});
