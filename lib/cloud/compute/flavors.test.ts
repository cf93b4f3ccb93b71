import { describe, expect, it } from "vitest";
import { extraSpecProblems, parseSpecLines } from "./flavors";

describe("flavor extra specs", () => {
  it("accepts Nova's known values and free aggregate keys", () => {
    expect(extraSpecProblems({ "hw:mem_page_size": "large", "hw:cpu_policy": "dedicated", "hcs:host_group_tag": "gpu", ssd: "true" })).toEqual([]);
  });
  it("refuses unknown values of known keys, and malformed keys", () => {
    expect(extraSpecProblems({ "hw:mem_page_size": "huge" })).toEqual([{ code: "bad_value", key: "hw:mem_page_size", allowed: expect.stringContaining("large") }]);
    expect(extraSpecProblems({ "bad key!": "x" })).toEqual([{ code: "bad_key", key: "bad key!" }]);
  });
  it("parses k=v lines and reports the lines it cannot", () => {
    expect(parseSpecLines("a=1\n\n b = two \nbroken\n=x")).toEqual({ specs: { a: "1", b: "two" }, badLines: ["broken", "=x"] });
  });
});
