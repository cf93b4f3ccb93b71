import { describe, expect, it } from "vitest";
import { adminPasswordProblem } from "./admin-password";

describe("ECS administrator password", () => {
  it.each([
    ["Cloud@2026x", null],
    ["short1!", "admin_pw_length"],
    ["A".repeat(20) + "abc12!x", "admin_pw_length"],
    ["Cloud 2026!", "admin_pw_chars"],
    ["Cloud#2026", "admin_pw_chars"],
    ["cloudcloud1", "admin_pw_simple"],
    ["CloudCloud", "admin_pw_simple"],
    ["MyRoot@2026", "admin_pw_login_name"],
    ["Toor@2026xx", "admin_pw_login_name"],
    ["Administrator1!", "admin_pw_login_name"],
  ] as const)("%s -> %s", (pw, problem) => {
    expect(adminPasswordProblem(pw)).toBe(problem);
  });
});
