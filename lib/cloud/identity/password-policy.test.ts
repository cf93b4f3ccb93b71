import { describe, expect, it } from "vitest";
import { passwordProblems } from "./password-policy";

describe("password policy", () => {
  it.each([
    ["Hcs@console1", "tenant", []],
    ["Ab1!", "tenant", ["too_short"]],
    ["tenant@Hcs1", "tenant", ["contains_username"]],
    ["Platform@9x", "tenant", []],
    ["tnanet@XX9x", "tenant", ["contains_username"]],
    ["alllowercase", "bob", ["too_simple"]],
    ["lower1234567", "bob", ["too_simple"]],
    ["Lower1234567", "bob", []],
  ])("%s for %s -> %o", (pw, user, problems) => {
    expect(passwordProblems(pw, user)).toEqual(problems);
  });
});
