import "server-only";
import bcrypt from "bcryptjs";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { loginInput } from "@/lib/schemas/auth";
import { db } from "../db";
import { appendAuditNow } from "../repositories/audit";
import { audited } from "../services/audit";
import type { Actor } from "./actor";
import { authConfig } from "./config";

/** After this many wrong passwords in a row the account is locked for LOCK_MINUTES. */
export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 15;

export class InvalidCredentials extends CredentialsSignin {
  override code = "invalid_credentials";
}
export class AccountLocked extends CredentialsSignin {
  override code = "account_locked";
}
export class AccountDisabled extends CredentialsSignin {
  override code = "account_disabled";
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
  await audited(actor, { action: "auth.logout", targetType: "user", targetId: actor.userId }, async (tx) => {
    await tx.userSession.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: new Date() } });
  });
}

/** Sign-ins and refusals go to the audit log like any other state change. */
async function auditSignIn(user: { id: string; username: string; vdcId: string | null } | null, username: string, result: "success" | "failure", detail: string | null, sourceIp: string | null) {
  await appendAuditNow(db, { actorId: user?.id ?? null, actorName: user?.username ?? username.slice(0, 64), roles: "", vdcId: user?.vdcId ?? null, action: "auth.login", targetType: "user", targetId: user?.id ?? null, before: null, after: null, result, detail, sourceIp });
}

/** Check a password, counting failures and locking the account; wall-clock times (security). */
export async function verifyCredentials(username: string, password: string, sourceIp: string | null = null): Promise<{ id: string; name: string }> {
  const user = await db.user.findUnique({ where: { username } });
  if (!user) {
    await bcrypt.compare(password, dummy());
    await auditSignIn(null, username, "failure", "unknown user", sourceIp);
    throw new InvalidCredentials();
  }
  const now = new Date();
  if (user.lockedUntil && user.lockedUntil > now) {
    await auditSignIn(user, username, "failure", "account locked", sourceIp);
    throw new AccountLocked();
  }
  if (user.disabled) {
    await auditSignIn(user, username, "failure", "account disabled", sourceIp);
    throw new AccountDisabled();
  }
  if (!(await bcrypt.compare(password, user.passwordHash))) {
    // One conditional increment, so concurrent wrong attempts are all counted.
    const updated = await db.user.update({ where: { id: user.id }, data: { failedLogins: { increment: 1 } } });
    if (updated.failedLogins >= MAX_FAILED_LOGINS) {
      await db.user.update({ where: { id: user.id }, data: { lockedUntil: new Date(now.getTime() + LOCK_MINUTES * 60_000), failedLogins: 0 } });
      await auditSignIn(user, username, "failure", `wrong password; locked for ${LOCK_MINUTES} minutes`, sourceIp);
      throw new AccountLocked();
    }
    await auditSignIn(user, username, "failure", "wrong password", sourceIp);
    throw new InvalidCredentials();
  }
  await db.user.update({ where: { id: user.id }, data: { failedLogins: 0, lockedUntil: null, lastLoginAt: now } });
  await auditSignIn(user, username, "success", null, sourceIp);
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
  providers: [
    Credentials({
      credentials: { username: {}, password: {} },
      async authorize(raw, request) {
        const parsed = loginInput.safeParse(raw);
        if (!parsed.success) throw new InvalidCredentials();
        const ip = request.headers.get("x-forwarded-for")?.split(",")[0]?.trim() || request.headers.get("x-real-ip") || null;
        return verifyCredentials(parsed.data.username, parsed.data.password, ip);
      },
    }),
  ],
});
