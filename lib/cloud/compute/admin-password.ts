// The ECS administrator password a purchase may set instead of a key pair, with the rule Huawei's
// ECS console states: 8 to 26 characters; at least three of upper case, lower case, digits and
// the special characters !@$%^-_=+[{}]:,./?; no other characters; not the login name (root, or
// Administrator on Windows) nor that name reversed.

export const ADMIN_PASSWORD_MIN = 8;
export const ADMIN_PASSWORD_MAX = 26;
export const ADMIN_PASSWORD_SPECIALS = "!@$%^-_=+[{}]:,./?";

export type AdminPasswordProblem = "admin_pw_length" | "admin_pw_chars" | "admin_pw_simple" | "admin_pw_login_name";

const escaped = ADMIN_PASSWORD_SPECIALS.replace(/[\]\\^-]/g, "\\$&");
const ALLOWED = new RegExp(`^[A-Za-z0-9${escaped}]*$`);
const SPECIAL = new RegExp(`[${escaped}]`);

/** The first problem with a password, or null; `osType` decides the login name it may not contain. */
export function adminPasswordProblem(password: string, osType: "linux" | "windows" | string = "linux"): AdminPasswordProblem | null {
  if (password.length < ADMIN_PASSWORD_MIN || password.length > ADMIN_PASSWORD_MAX) return "admin_pw_length";
  if (!ALLOWED.test(password)) return "admin_pw_chars";
  const kinds = [/[A-Z]/, /[a-z]/, /[0-9]/, SPECIAL].filter((re) => re.test(password)).length;
  if (kinds < 3) return "admin_pw_simple";
  const lower = password.toLowerCase();
  for (const login of osType === "windows" ? ["administrator", "root"] : ["root", "administrator"]) {
    if (lower.includes(login) || lower.includes([...login].reverse().join(""))) return "admin_pw_login_name";
  }
  return null;
}
