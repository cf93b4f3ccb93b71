// The operators an extra spec value may start with, as nova.scheduler.filters.extra_specs_ops
// reads them: "<op> operand". Without an operator the spec is a plain string equality. Used by
// both AggregateInstanceExtraSpecsFilter and ComputeCapabilitiesFilter, as in Nova.
//
//   =  numeric >=        ==  numeric equal      !=  numeric not equal   >= <=  numeric
//   s== s!= s< s<= s> s>=  string comparisons   <in>  substring          <all-in>  every word
//   <or> any of "<or> a <or> b"

const NUMERIC: Record<string, (a: number, b: number) => boolean> = {
  "=": (a, b) => a >= b,
  "==": (a, b) => a === b,
  "!=": (a, b) => a !== b,
  ">=": (a, b) => a >= b,
  "<=": (a, b) => a <= b,
};

const STRING: Record<string, (a: string, b: string) => boolean> = {
  "s==": (a, b) => a === b,
  "s!=": (a, b) => a !== b,
  "s<": (a, b) => a < b,
  "s<=": (a, b) => a <= b,
  "s>": (a, b) => a > b,
  "s>=": (a, b) => a >= b,
};

export type SpecMatcher = (have: string) => boolean;

function compile(spec: string): SpecMatcher {
  const words = spec.trim().split(/\s+/);
  const op = words[0] ?? "";
  if (op === "<or>") {
    // "<or> a <or> b": the operands sit at the odd positions.
    const options = new Set(words.filter((_, i) => i % 2 === 1));
    return (have) => options.has(have);
  }
  if (op === "<in>") {
    const needle = words.slice(1).join(" ");
    return (have) => have.includes(needle);
  }
  if (op === "<all-in>") {
    const wanted = words.slice(1);
    return (have) => {
      const haveWords = new Set(have.split(/[\s,]+/));
      return wanted.every((w) => haveWords.has(w));
    };
  }
  const operand = words.slice(1).join(" ");
  const num = NUMERIC[op];
  if (num) {
    const b = Number(operand);
    // Nova compares floats; a value that is not a number never matches a numeric operator.
    return (have) => {
      const a = Number(have);
      return Number.isFinite(a) && Number.isFinite(b) && num(a, b);
    };
  }
  const str = STRING[op];
  if (str) return (have) => str(have, operand);
  const plain = spec.trim();
  return (have) => have === plain;
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
