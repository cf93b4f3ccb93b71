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

/** Does the host's value satisfy the spec (e.g. "8" against ">= 4", "x86_64" against "<or> x86_64 <or> aarch64")? */
export function matchesExtraSpec(have: string, spec: string): boolean {
  const words = spec.trim().split(/\s+/);
  const op = words[0] ?? "";
  if (op === "<or>") {
    // "<or> a <or> b": the operands sit at the odd positions.
    const options = words.filter((_, i) => i % 2 === 1);
    return options.includes(have);
  }
  if (op === "<in>") return have.includes(words.slice(1).join(" "));
  if (op === "<all-in>") {
    const haveWords = new Set(have.split(/[\s,]+/));
    return words.slice(1).every((w) => haveWords.has(w));
  }
  const operand = words.slice(1).join(" ");
  const num = NUMERIC[op];
  if (num) {
    const a = Number(have);
    const b = Number(operand);
    // Nova compares floats; a value that is not a number never matches a numeric operator.
    return Number.isFinite(a) && Number.isFinite(b) && num(a, b);
  }
  const str = STRING[op];
  if (str) return str(have, operand);
  return have === spec.trim();
}
