// Flavor extra specs, checked as Nova checks them before they reach the scheduler: well-formed
// keys, and known hw: keys with the values Nova accepts.

export type SpecProblem = { code: "bad_key"; key: string } | { code: "bad_value"; key: string; allowed: string } | { code: "too_many" };

const KEY = /^[A-Za-z0-9_.:\-/ ]{1,255}$/;
const KNOWN: Record<string, readonly string[]> = {
  "hw:mem_page_size": ["small", "large", "any", "2048", "1048576", "2MB", "1GB"],
  "hw:cpu_policy": ["shared", "dedicated", "mixed"],
  "hw:cpu_thread_policy": ["prefer", "isolate", "require"],
};

const TRAIT_VALUES = ["required", "forbidden"] as const;

export function extraSpecProblems(specs: Record<string, string>): SpecProblem[] {
  const out: SpecProblem[] = [];
  const entries = Object.entries(specs);
  if (entries.length > 50) out.push({ code: "too_many" });
  for (const [key, value] of entries) {
    if (!KEY.test(key)) out.push({ code: "bad_key", key });
    // Placement trait requests: trait:NAME=required|forbidden (nova's extra spec validator).
    const allowed = KNOWN[key] ?? (key.startsWith("trait:") ? TRAIT_VALUES : undefined);
    if (allowed && !allowed.includes(value)) out.push({ code: "bad_value", key, allowed: allowed.join(", ") });
  }
  return out;
}

/** "k=v" lines (as typed in a textarea) into a spec map; blank lines ignored. */
export function parseSpecLines(text: string): { specs: Record<string, string>; badLines: string[] } {
  const specs: Record<string, string> = {};
  const badLines: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line) continue;
    const eq = line.indexOf("=");
    if (eq <= 0) badLines.push(line);
    else specs[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
  }
  return { specs, badLines };
}
