import "server-only";
import bcrypt from "bcryptjs";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { loginInput } from "@/lib/schemas/auth";
import { db } from "../db";
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

/** End a session for good: a cookie re-issued by a request already in flight stays refused. */
export async function revokeSession(sessionId: string): Promise<void> {
  await db.userSession.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: new Date() } });
}

/** Check a password, counting failures and locking the account; wall-clock times (security). */
export async function verifyCredentials(username: string, password: string): Promise<{ id: string; name: string }> {
  const user = await db.user.findUnique({ where: { username } });
  if (!user) {
    await bcrypt.compare(password, dummy());
    throw new InvalidCredentials();
  }
  const now = new Date();
  if (user.lockedUntil && user.lockedUntil > now) throw new AccountLocked();
  if (user.disabled) throw new AccountDisabled();
  if (!(await bcrypt.compare(password, user.passwordHash))) {
    // One conditional increment, so concurrent wrong attempts are all counted.
    const updated = await db.user.update({ where: { id: user.id }, data: { failedLogins: { increment: 1 } } });
    if (updated.failedLogins >= MAX_FAILED_LOGINS) {
      await db.user.update({ where: { id: user.id }, data: { lockedUntil: new Date(now.getTime() + LOCK_MINUTES * 60_000), failedLogins: 0 } });
      throw new AccountLocked();
    }
    throw new InvalidCredentials();
  }
  await db.user.update({ where: { id: user.id }, data: { failedLogins: 0, lockedUntil: null, lastLoginAt: now } });
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
      async authorize(raw) {
        const parsed = loginInput.safeParse(raw);
        if (!parsed.success) throw new InvalidCredentials();
        return verifyCredentials(parsed.data.username, parsed.data.password);
      },
    }),
  ],
});
