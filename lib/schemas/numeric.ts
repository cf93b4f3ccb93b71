import { z } from "zod";

/**
 * A number from JSON or from a form field: numbers pass, a string that is a whole decimal
 * number is read as one, anything else (true, null, [], "1e3", "0x10") is refused. Unlike
 * z.coerce.number(), `true` is not 1 and "" is not 0.
 */
export function numeric<S extends z.ZodType<number>>(schema: S) {
  return z.preprocess((v) => (typeof v === "string" && /^\s*-?\d+(\.\d+)?\s*$/.test(v) ? Number(v) : v), schema);
}
