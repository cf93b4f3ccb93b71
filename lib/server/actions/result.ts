import "server-only";
import { getTranslations } from "next-intl/server";
import { describeError, type ErrorViewer, type RootTranslator } from "../error-words";

export type { ErrorViewer };

export type ActionResult<T = undefined> =
  | { ok: true; data: T }
  | { ok: false; code: string; message: string; fields?: Record<string, string> };

/**
 * The edge: turn any error into a coded, translated result. Domain errors carry a code and
 * numbers; this is the one place they become words. Unknown errors are logged, never shown raw.
 */
export async function toActionError(err: unknown, viewer: ErrorViewer = null): Promise<{ ok: false; code: string; message: string; fields?: Record<string, string> }> {
  return describeError(err, viewer, (await getTranslations()) as unknown as RootTranslator);
}

