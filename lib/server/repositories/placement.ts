import "server-only";
import { explainNoHost, NoValidHostError, schedule, type HostState, type RequestSpec, type SchedulerSettings } from "@/lib/cloud/compute";
import type { Random } from "@/lib/cloud/shared";
import type { Tx } from "../db";
import { claimOnHost, type Claim } from "./hosts";

/** How many of the ranked hosts to try when a concurrent claim beats us to the first. */
export const CLAIM_ATTEMPTS = 5;

/**
 * Schedule, then claim on the best host that still has room when the row is written (the
 * conditional UPDATE in claimOnHost). Launches, reschedules, resizes, migrations and evacuations
 * all place this way. The in-memory host is updated too, so the next instance of a batch sees
 * the claim. When nothing fits, schedules again keeping every verdict, and throws the reason.
 */
export async function claimBestHost(tx: Tx, hosts: HostState[], req: RequestSpec, settings: SchedulerSettings, rng: Random, claim: Claim): Promise<HostState> {
  const result = schedule(hosts, req, settings, rng, { alternates: CLAIM_ATTEMPTS });
  for (const host of result.ranked) {
    if (await claimOnHost(tx, host, claim, { forced: Boolean(req.forceHost) })) {
      host.vcpusUsed += claim.vcpus;
      host.memoryMbUsed += claim.memoryMb;
      host.diskGbUsed += claim.diskGb;
      host.hugePagesUsedMb += claim.hugePagesMb;
      return host;
    }
  }
  throw new NoValidHostError(explainNoHost(schedule(hosts, req, settings, rng, { explain: true }), req));
}
