import { DomainError } from "../shared/errors";
import type { NoHostExplanation } from "./scheduler";

/** Nova's words for every NoValidHost, which is all a non-administrator is told. */
export const NOVA_NO_VALID_HOST = "No valid host was found. There are not enough hosts available.";

/** "No valid host was found", with the reason an administrator can act on. */
export class NoValidHostError extends DomainError {
  constructor(readonly explanation: NoHostExplanation) {
    super("NO_VALID_HOST", `No valid host: ${explanation.filter ?? "no hosts"} (${explanation.code})`, {
      az: explanation.az ?? "-",
      hosts: explanation.hostCount,
      filter: explanation.filter ?? "-",
      reason: explanation.code,
      requested: explanation.requested ?? 0,
      available: explanation.bestAvailable ?? 0,
      wanted: explanation.wanted ?? "-",
    });
  }
}
