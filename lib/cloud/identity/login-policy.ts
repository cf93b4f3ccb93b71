// The sign-in policy, as data: lockout after consecutive wrong passwords, and rate limits on
// failed attempts per account and per source address (OWASP ASVS 2.2.1: at most 100 failed
// attempts per hour on one account). Enforced by lib/server/auth with conditional updates.

/** After this many wrong passwords in a row the account is locked for LOCK_MINUTES. */
export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 15;

/** Failed attempts (wrong password, unknown user, refused while locked) allowed per window. */
export const LOGIN_RATE_WINDOW_MINUTES = 60;
export const LOGIN_FAILURES_PER_ACCOUNT = 100;
/** Higher than per account: several people may sign in from behind one address. */
export const LOGIN_FAILURES_PER_ADDRESS = 300;

/** The throttle keys of an attempt: user names compare case-insensitively, as sign-in does. */
export function throttleKeys(username: string, address: string | null): { key: string; limit: number }[] {
  return [
    { key: `user:${username.trim().toLowerCase().slice(0, 64)}`, limit: LOGIN_FAILURES_PER_ACCOUNT },
    { key: `ip:${address ?? "unknown"}`, limit: LOGIN_FAILURES_PER_ADDRESS },
  ];
}
