import "server-only";
import { explainNoHost, NoValidHostError, schedule, scheduleBatch, type BatchResult, type HostState, type RequestSpec, type SchedulerSettings } from "@/lib/cloud/compute";
import type { Random } from "@/lib/cloud/shared";
import type { Tx } from "../db";
import { claimOnHost, type Claim } from "./hosts";

/** How many of the ranked hosts to try when a concurrent claim beats us to the first. */
export const CLAIM_ATTEMPTS = 5;

/**
 * Schedule `count` instances of one request as Nova does (filters once, then weigh again after
 * each pick), then claim each on the first of its ranked hosts that still has room when the row
 * is written (the conditional UPDATE in claimOnHost: a stale view can lose a race and move on to
 * the next candidate, never over-commit). The hosts passed in are not changed (they may be the
 * shared host cache). When an instance finds no host, schedules it again on the state the earlier
 * claims of the batch left, keeping every verdict, and throws the reason.
 * `onPlaced` runs after each claim (a batch records its instance before the next is claimed).
 * `ranked` is the scheduler's answer when the caller scheduled before its transaction began
 * (scheduleBatch on the same hosts, request and random source), so that the transaction only claims.
 */
export async function claimBatch(
  tx: Tx,
  hosts: HostState[],
  req: RequestSpec,
  count: number,
  settings: SchedulerSettings,
  rng: Random,
  claim: Claim,
  onPlaced?: (host: HostState, index: number) => Promise<void> | void,
  ranked?: BatchResult,
): Promise<HostState[]> {
  const batch = ranked ?? scheduleBatch(hosts, req, count, settings, rng);
  const chosen: HostState[] = [];
  // What this batch has claimed so far, for the explanation if a later instance finds no host.
  const claimed = new Map<HostState, HostState>();
  let current = req;
  for (let i = 0; i < count; i++) {
    let host: HostState | null = null;
    for (const candidate of (batch.placements[i] ?? []).slice(0, CLAIM_ATTEMPTS)) {
      if (await claimOnHost(tx, candidate, claim)) {
        host = candidate;
        break;
      }
    }
    if (!host) {
      const view = claimed.size ? hosts.map((h) => claimed.get(h) ?? h) : hosts;
      throw new NoValidHostError(explainNoHost(schedule(view, current, settings, rng, { explain: true }), current));
    }
    const after = { ...(claimed.get(host) ?? host) };
    after.vcpusUsed += claim.vcpus;
    after.memoryMbUsed += claim.memoryMb;
    after.diskGbUsed += claim.diskGb;
    after.hugePagesUsedMb += claim.hugePagesMb;
    after.instanceCount += 1;
    claimed.set(host, after);
    chosen.push(host);
    // A later member of a server group sees this one's host, as Nova's scheduler does within a request.
    if (current.serverGroup) current = { ...current, serverGroup: { ...current.serverGroup, hostIds: [...new Set([...current.serverGroup.hostIds, host.id])] } };
    await onPlaced?.(host, i);
  }
  return chosen;
}

/** One instance: a launch of one, a reschedule, a resize, a migration or an evacuation. */
export async function claimBestHost(tx: Tx, hosts: HostState[], req: RequestSpec, settings: SchedulerSettings, rng: Random, claim: Claim): Promise<HostState> {
  const [host] = await claimBatch(tx, hosts, req, 1, settings, rng, claim);
  return host as HostState;
}
