// The operators an extra spec value may start with, exactly as nova.scheduler.filters.extra_specs_ops
// (Zed) reads them: the value is split on whitespace, the first word is the operator and the
// second word the operand (further words are ignored, except by <or> and <all-in>). Without a
// known operator the spec is a plain equality with the whole, untrimmed value. Shared by
// AggregateInstanceExtraSpecsFilter and ComputeCapabilitiesFilter, as in Nova.
//
//   =  numeric >=        ==  numeric equal      !=  numeric not equal   >= <=  numeric
//   s== s!= s< s<= s> s>=  string comparisons (code-point order, as Python's)
//   <in>  the operand is a substring             <all-in>  every operand is a substring
//   <or>  "<or> a <or> b": equal to any of them

/** Python's float(): what Nova's numeric operators parse. Null where Python raises ValueError. */
export function pyFloat(s: string): number | null {
  const t = s.trim();
  if (/^[+-]?(inf|infinity)$/i.test(t)) return t.startsWith("-") ? -Infinity : Infinity;
  if (/^[+-]?nan$/i.test(t)) return NaN;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t)) return null;
  return Number(t);
}

/** The numeric operators, on both sides' float(): Nova's and Cinder's extra_specs_ops share them. */
export const NUMERIC_OPS: Record<string, (a: number, b: number) => boolean> = {
  "=": (a, b) => a >= b,
  "==": (a, b) => a === b,
  "!=": (a, b) => a !== b,
  ">=": (a, b) => a >= b,
  "<=": (a, b) => a <= b,
};

// Python compares str by code point; JS's < compares UTF-16 units, which agrees outside the
// astral planes (extra specs are ASCII in practice).
/** The string operators (Cinder's s== and s!= compare typed values, so it takes only the ordering ones). */
export const STRING_OPS: Record<string, (a: string, b: string) => boolean> = {
  "s==": (a, b) => a === b,
  "s!=": (a, b) => a !== b,
  "s<": (a, b) => a < b,
  "s<=": (a, b) => a <= b,
  "s>": (a, b) => a > b,
  "s>=": (a, b) => a >= b,
};

export type SpecMatcher = (have: string) => boolean;

// Python's str.split(): runs of whitespace, no empty words. (Python also splits on the ASCII
// separators 0x1c-0x1f, which no extra spec contains; JS's \s covers the rest.)
const words = (s: string) => s.split(/\s+/).filter(Boolean);

function compile(spec: string): SpecMatcher {
  const w = words(spec);
  const op = w[0] ?? "";
  if (op === "<or>") {
    // Nova pops the options and the <or> keywords alternately: the options sit at odd positions.
    const options = new Set(w.filter((_, i) => i % 2 === 1));
    return (have) => options.has(have);
  }
  const operand = w[1];
  const num = NUMERIC_OPS[op];
  const str = STRING_OPS[op];
  if (op === "<in>") return operand === undefined ? () => false : (have) => have.includes(operand);
  if (op === "<all-in>") {
    const wanted = w.slice(1);
    return wanted.length === 0 ? () => false : (have) => wanted.every((x) => have.includes(x));
  }
  if (num) {
    if (operand === undefined) return () => false;
    const b = pyFloat(operand);
    // float() of a word that is no number raises in Nova, failing the request; here the host is refused.
    return (have) => {
      const a = pyFloat(have);
      return a !== null && b !== null && num(a, b);
    };
  }
  if (str) return operand === undefined ? () => false : (have) => str(have, operand);
  return (have) => have === spec;
}

// Specs are few and repeat across requests: compile each once (the scheduler matches one spec
// against thousands of hosts per decision).
const compiled = new Map<string, SpecMatcher>();
export function extraSpecMatcher(spec: string): SpecMatcher {
  let m = compiled.get(spec);
  if (!m) {
    if (compiled.size > 10_000) compiled.clear();
    m = compile(spec);
    compiled.set(spec, m);
  }
  return m;
}

/** Does the host's value satisfy the spec (e.g. "8" against ">= 4", "x86_64" against "<or> x86_64 <or> aarch64")? */
export function matchesExtraSpec(have: string, spec: string): boolean {
  return extraSpecMatcher(spec)(have);
}
