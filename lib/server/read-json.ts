import "server-only";
import type { z } from "zod";
import { DomainError } from "@/lib/cloud/shared";

// The JSON body reader of every route, the console's REST routes (http.ts) and the OpenStack API
// alike; a module of its own, so the API and scripts load it without the console's session and
// translation machinery.

/** Bodies of this console's API are small: an order of ten lines is a few kilobytes. */
export const MAX_JSON_BODY_BYTES = 64 * 1024;

/**
 * The one body reader of every JSON route: `application/json` only (a cross-site form or
 * `text/plain` post is refused before anything is read), at most MAX_JSON_BODY_BYTES, valid JSON,
 * then the route's schema. Each refusal is a coded 4xx.
 */
export async function readJson<S extends z.ZodType>(req: Request, schema: S): Promise<z.output<S>> {
  const type = req.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
  if (type !== "application/json") throw new DomainError("UNSUPPORTED_MEDIA_TYPE", "JSON only", { type: type ?? "-" });
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > MAX_JSON_BODY_BYTES) throw new DomainError("PAYLOAD_TOO_LARGE", "body too large", { max: MAX_JSON_BODY_BYTES });
  const text = await req.text();
  if (Buffer.byteLength(text) > MAX_JSON_BODY_BYTES) throw new DomainError("PAYLOAD_TOO_LARGE", "body too large", { max: MAX_JSON_BODY_BYTES });
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new DomainError("INVALID_JSON", "not JSON");
  }
  // A NUL character is valid JSON but no database keeps it in text (PostgreSQL refuses it): refused here, for every route.
  if (holdsNul(body)) throw new DomainError("INVALID_INPUT", "NUL character", { reason: "nul_character" });
  return schema.parse(body);
}

/** Whether any string (key or value) in a parsed value holds a NUL character. */
export function holdsNul(value: unknown): boolean {
  if (typeof value === "string") return value.includes("\u0000");
  if (Array.isArray(value)) return value.some(holdsNul);
  if (value && typeof value === "object") return Object.entries(value).some(([k, v]) => k.includes("\u0000") || holdsNul(v));
  return false;
}
