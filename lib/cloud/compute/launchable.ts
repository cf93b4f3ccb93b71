import { seededRandom } from "../shared";
import { DEFAULT_AZ, requestSpecFor, schedule, type HostState, type ImageFacts, type SchedulerSettings } from "./scheduler";

export interface LaunchableFlavor {
  id: string;
  vcpus: number;
  ramMb: number;
  diskGb: number;
  ephemeralGb?: number;
  swapMb?: number;
  extraSpecs: unknown;
}

export interface LaunchableImage extends ImageFacts {
  id: string;
}

/** Per AZ and image, the flavors that some enabled host of the AZ could ever take with it. */
export type Launchability = Record<string, Record<string, string[]>>;

/**
 * What each AZ could ever offer, whatever runs there now. The scheduler's filters run on the
 * AZ's enabled hosts as if they were idle and up: what fails then (a flavor too big for the
 * largest host, a host-group tag no host carries, huge pages nobody has, an architecture or
 * hypervisor no host has) fails until an operator changes the hosts, so the purchase wizard
 * disables it as soon as the AZ is chosen. Capacity in use, and a host down now, are not reasons.
 */
export function launchability(hosts: readonly HostState[], flavors: readonly LaunchableFlavor[], images: readonly LaunchableImage[], settings: SchedulerSettings): Launchability {
  const byAz = new Map<string, HostState[]>();
  for (const h of hosts) {
    if (!h.enabled) continue;
    const idle: HostState = { ...h, up: true, vcpusUsed: 0, memoryMbUsed: 0, diskGbUsed: 0, hugePagesUsedMb: 0, instanceCount: 0 };
    const az = h.az ?? DEFAULT_AZ;
    const list = byAz.get(az);
    if (list) list.push(idle);
    else byAz.set(az, [idle]);
  }
  const rng = seededRandom(1);
  const out: Launchability = {};
  for (const [az, azHosts] of byAz) {
    // Images that ask the same of a host share an answer (most share their architecture only).
    const bySignature = new Map<string, string[]>();
    out[az] = {};
    for (const image of images) {
      const signature = JSON.stringify([image.architecture, image.hypervisorType, image.vmMode, image.hvRequestedVersion, image.traitsRequired, image.minRamMb, image.minDiskGb]);
      let ok = bySignature.get(signature);
      if (!ok) {
        // A flavor below the image's minimums is refused before scheduling (as Nova's API refuses it).
        const fits = (f: LaunchableFlavor) => f.diskGb >= image.minDiskGb && f.ramMb >= image.minRamMb;
        ok = flavors.filter((f) => fits(f) && schedule(azHosts, requestSpecFor(az, f, image), settings, rng).ranked.length > 0).map((f) => f.id);
        bySignature.set(signature, ok);
      }
      out[az][image.id] = ok;
    }
  }
  return out;
}
