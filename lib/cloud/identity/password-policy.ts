// The console's password policy: long enough, not built on the user name, and mixing kinds of
// characters. Returned as codes so the edge can say each problem in the reader's language.
export type PasswordProblem = "too_short" | "too_long" | "contains_username" | "too_simple";

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 64;

export function passwordProblems(password: string, username: string): PasswordProblem[] {
  const out: PasswordProblem[] = [];
  if (password.length < PASSWORD_MIN) out.push("too_short");
  if (password.length > PASSWORD_MAX) out.push("too_long");
  const lower = password.toLowerCase();
  const name = username.toLowerCase();
  if (name.length >= 3 && (lower.includes(name) || lower.includes([...name].reverse().join("")))) out.push("contains_username");
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 3) out.push("too_simple");
  return out;
}
