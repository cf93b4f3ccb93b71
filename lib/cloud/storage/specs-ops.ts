// A volume type's extra spec against a pool's reported capability, exactly as
// cinder.scheduler.filters.extra_specs_ops (Zed) matches them. Cinder's grammar is the compute
// one's cousin, not its twin: the capability keeps the type the driver reported (a boolean, a
// number, a string or a list of them), `<in>` tests the operand's presence in the value, `<is>`
// compares truth values, and there is no `<all-in>`; without an operator the spec must equal the
// value itself, so a boolean capability matches only through `<is> True`.
//
//   =  >=  <=  ==  !=   numeric (Python's float() of both sides; `=` means >=)
//   s== s!= s< s<= s> s>=   string comparisons
//   <in>  operand in value      <is>  same truth value      <or>  "<or> a <or> b"
import { NUMERIC_OPS, pyFloat, STRING_OPS } from "../compute/extra-specs-ops";

/** A capability as a driver reports it: Python's bool, int, float, str, None, list or dict. */
export type CapabilityValue = string | number | boolean | null | CapabilityValue[] | { [key: string]: CapabilityValue };

/** Python's float() of a reported value: bools are 1 and 0, strings parsed; null where Python raises. */
function floatOf(v: CapabilityValue): number | null {
  if (typeof v === "boolean") return v ? 1 : 0;
  if (typeof v === "number") return v;
  if (typeof v === "string") return pyFloat(v);
  return null;
}

/**
 * Python's str() of a value that is no string. An integral number is taken as Python's int (a
 * driver reporting 1.0 would print "1.0": capabilities here keep integral values as ints).
 */
function strOf(v: CapabilityValue): string {
  if (typeof v === "string") return v;
  if (typeof v === "boolean") return v ? "True" : "False";
  if (v === null) return "None";
  return String(v);
}

const TRUE_STRINGS = new Set(["1", "t", "true", "on", "y", "yes"]);

/** oslo_utils.strutils.bool_from_string(subject), not strict, default False. */
export function boolFromString(v: CapabilityValue): boolean {
  if (typeof v === "boolean") return v;
  return TRUE_STRINGS.has(strOf(v).trim().toLowerCase());
}

// Cinder's s== and s!= compare the typed value (handled below); the orderings are Nova's.
const STRING = Object.fromEntries(Object.entries(STRING_OPS).filter(([op]) => op !== "s==" && op !== "s!="));
const NUMERIC = NUMERIC_OPS;

const words = (s: string) => s.split(/\s+/).filter(Boolean);

/** Python's `==` between a reported value and a word of the spec (a str): only a str can equal it. */
const equalsWord = (v: CapabilityValue, word: string) => typeof v === "string" && v === word;

/**
 * extra_specs_ops.match(value, req). Where Cinder would raise instead (an ordering of a number
 * against a string, `<in>` on a number), the pool is refused: no valid spec does that.
 */
export function matchCapability(value: CapabilityValue, req: string | null): boolean {
  if (req === null) return value === null;
  const w = words(req);
  const op = w[0];
  if (op === undefined || (op !== "<or>" && op !== "<in>" && op !== "<is>" && op !== "s==" && op !== "s!=" && !NUMERIC[op] && !STRING[op])) return equalsWord(value, req);
  if (value === null) return false;
  if (op === "<or>") {
    // Cinder pops an option, then an <or> keyword, alternately, until the words run out.
    for (let i = 1; i < w.length; i += 2) if (equalsWord(value, w[i] as string)) return true;
    return false;
  }
  const operand = w[1];
  if (operand === undefined) return false;
  if (op === "<in>") {
    if (typeof value === "string") return value.includes(operand);
    if (Array.isArray(value)) return value.some((x) => equalsWord(x, operand));
    return false;
  }
  if (op === "<is>") return boolFromString(value) === boolFromString(operand);
  if (op === "s==") return equalsWord(value, operand);
  if (op === "s!=") return !equalsWord(value, operand);
  const str = STRING[op];
  if (str) return typeof value === "string" && str(value, operand);
  const num = NUMERIC[op] as (a: number, b: number) => boolean;
  const a = floatOf(value);
  const b = pyFloat(operand);
  return a !== null && b !== null && num(a, b);
}

/**
 * CapabilitiesFilter._satisfies_extra_specs for one spec: keys scoped by anything but
 * `capabilities:` are someone else's (`provisioning:type`, `RESKEY:availability_zones`, QoS...)
 * and pass; the rest walk the capability dictionary by their scope, and a list value matches
 * when any of its elements does.
 */
export function capabilitySatisfies(capabilities: Record<string, CapabilityValue>, key: string, req: string): boolean {
  const scope = key.split(":");
  if (scope.length > 1 && scope[0] !== "capabilities") return true;
  if (scope[0] === "capabilities") scope.shift();
  let cap: CapabilityValue | undefined = capabilities;
  for (const part of scope) {
    if (cap === null || typeof cap !== "object" || Array.isArray(cap) || !(part in cap)) return false;
    cap = (cap as Record<string, CapabilityValue>)[part];
  }
  const values = Array.isArray(cap) ? cap : [cap as CapabilityValue];
  return values.some((v) => matchCapability(v, req));
}
