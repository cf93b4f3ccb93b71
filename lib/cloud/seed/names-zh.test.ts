import { describe, expect, it } from "vitest";
import { AZS, DEMO_PROCESSES, DEMO_PRODUCTS, REGION } from "./demo-cloud";
import { SEED_TEXT_ZH, seedText } from "./names-zh";

describe("the seed's names in Chinese", () => {
  it("covers every product, process, level, the region and the AZ descriptions the seed invents", () => {
    const invented = [REGION.name, ...AZS.map((a) => a.description), ...DEMO_PRODUCTS.flatMap((p) => [p.name, p.description]), ...DEMO_PROCESSES.flatMap((p) => [p.name, p.description, ...p.levels.map((l) => l.name)])];
    expect(invented.filter((s) => !SEED_TEXT_ZH[s])).toEqual([]);
  });
  it("leaves English and names it does not know as written", () => {
    expect(seedText("Fast track", "en")).toBe("Fast track");
    expect(seedText("Fast track", "zh-CN")).toBe("快速通道");
    expect(seedText("My own product", "zh-CN")).toBe("My own product");
  });
});
