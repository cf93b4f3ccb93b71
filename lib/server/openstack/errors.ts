import "server-only";
// use-intl is next-intl's core, without React: the API's English words outside any React render.
import { createTranslator } from "use-intl/core";
import { ZodError } from "zod";
import { NotFoundError } from "@/lib/cloud/shared";
import en from "@/messages/en.json";
import { describeError, type RootTranslator } from "../error-words";

/** An answer of the OpenStack-compatible API with its HTTP status, in the service's error shape. */
export class OpenStackError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

// OpenStack's clients read English: the console's own error words, in English, whatever the caller's browser says.
const english = createTranslator({ locale: "en", messages: en }) as unknown as RootTranslator;

/**
 * What an API answer says about an error the console's services raised: the same words the
 * console shows (in English), a missing thing named as the OpenStack services name it, and
 * each invalid field with its rule.
 */
export function apiMessage(err: unknown): string {
  if (err instanceof NotFoundError) return `${err.entity.replace(/_/g, " ").replace(/^./, (c) => c.toUpperCase())} ${err.params.id ?? ""} could not be found.`;
  // Each field by its whole path (server.name), with the console's rule for it where it has one.
  if (err instanceof ZodError) return `Invalid input: ${err.issues.map((i) => `${i.path.join(".") || "body"}: ${english.has(`errors.field.${i.message}`) ? english(`errors.field.${i.message}`) : i.message}`).join("; ")}`;
  return describeError(err, null, english).message;
}
