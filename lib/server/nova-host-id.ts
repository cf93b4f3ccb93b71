import { createHash } from "node:crypto";

/**
 * What Nova shows a non-administrator instead of the host: `hostId`, the SHA-224 of the project
 * id followed by the host name (nova/utils.py generate_hostid). Two instances of one project
 * on one host share it, so a tenant can check anti-affinity without learning the host, and
 * two projects never correlate their hosts through it. No host yet: the empty string, as Nova.
 */
export function novaHostId(projectId: string, host: string | null | undefined): string {
  if (!host) return "";
  return createHash("sha224").update(projectId + host, "utf8").digest("hex");
}
