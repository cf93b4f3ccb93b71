// Nova's API view of an instance: the status it reports for a vm_state and task_state
// (nova/api/openstack/common.py `_STATE_MAP`), the power state as its integer, the microversions
// this API answers and how a request's version header is negotiated. Pure; proven against Nova's
// own `status_from_state` on every state pair (tests/differential/nova-api.test.ts).

const ACTIVE_TASKS: Record<string, string> = {
  rebooting: "REBOOT",
  reboot_pending: "REBOOT",
  reboot_started: "REBOOT",
  rebooting_hard: "HARD_REBOOT",
  reboot_pending_hard: "HARD_REBOOT",
  reboot_started_hard: "HARD_REBOOT",
  updating_password: "PASSWORD",
  rebuilding: "REBUILD",
  rebuild_block_device_mapping: "REBUILD",
  rebuild_spawning: "REBUILD",
  migrating: "MIGRATING",
  resize_prep: "RESIZE",
  resize_migrating: "RESIZE",
  resize_migrated: "RESIZE",
  resize_finish: "RESIZE",
};
const RESIZE_OR_REBUILD: Record<string, string> = { resize_prep: "RESIZE", resize_migrating: "RESIZE", resize_migrated: "RESIZE", resize_finish: "RESIZE", rebuilding: "REBUILD", rebuild_block_device_mapping: "REBUILD", rebuild_spawning: "REBUILD" };
const REBUILD: Record<string, string> = { rebuilding: "REBUILD", rebuild_block_device_mapping: "REBUILD", rebuild_spawning: "REBUILD" };

const STATE_MAP: Record<string, { default: string; tasks?: Record<string, string> }> = {
  active: { default: "ACTIVE", tasks: ACTIVE_TASKS },
  building: { default: "BUILD" },
  stopped: { default: "SHUTOFF", tasks: RESIZE_OR_REBUILD },
  resized: { default: "VERIFY_RESIZE", tasks: { resize_reverting: "REVERT_RESIZE" } },
  paused: { default: "PAUSED", tasks: { migrating: "MIGRATING" } },
  suspended: { default: "SUSPENDED" },
  rescued: { default: "RESCUE" },
  error: { default: "ERROR", tasks: REBUILD },
  deleted: { default: "DELETED" },
  "soft-delete": { default: "SOFT_DELETED" },
  shelved: { default: "SHELVED" },
  shelved_offloaded: { default: "SHELVED_OFFLOADED" },
};

/** The `status` Nova's API reports for a vm_state and task_state. */
export function novaStatus(vmState: string, taskState: string | null): string {
  const entry = STATE_MAP[vmState];
  if (!entry) return "UNKNOWN";
  return (taskState && entry.tasks?.[taskState]) || entry.default;
}

/** nova.compute.power_state: the integers `OS-EXT-STS:power_state` carries. */
export const POWER_STATE_CODE: Record<string, number> = { nostate: 0, running: 1, paused: 3, shutdown: 4, crashed: 6, suspended: 7 };

/** The microversions this API answers: 2.1 only, for now (the response shapes of 2.1). */
export const MIN_MICROVERSION = "2.1";
export const MAX_MICROVERSION = "2.1";

const parse = (v: string): [number, number] | null => {
  const m = /^(\d+)\.(\d+)$/.exec(v.trim());
  return m ? [Number(m[1]), Number(m[2])] : null;
};
const cmp = (a: [number, number], b: [number, number]) => a[0] - b[0] || a[1] - b[1];

/**
 * The microversion of a request from `X-OpenStack-Nova-API-Version` or `OpenStack-API-Version:
 * compute X.Y`: absent means the minimum, "latest" the maximum; one outside the range is refused
 * (Nova answers 406), an unreadable one is a 400.
 */
export function negotiateMicroversion(headers: { nova: string | null; generic: string | null }): { ok: true; version: string } | { ok: false; status: 400 | 406; message: string } {
  const generic = headers.generic?.trim().toLowerCase().startsWith("compute ") ? headers.generic.trim().slice(8).trim() : null;
  const asked = generic ?? headers.nova?.trim() ?? null;
  if (!asked) return { ok: true, version: MIN_MICROVERSION };
  if (asked.toLowerCase() === "latest") return { ok: true, version: MAX_MICROVERSION };
  const v = parse(asked);
  if (!v) return { ok: false, status: 400, message: `Invalid API version request string: ${asked}` };
  if (cmp(v, parse(MIN_MICROVERSION) as [number, number]) < 0 || cmp(v, parse(MAX_MICROVERSION) as [number, number]) > 0) return { ok: false, status: 406, message: `Version ${asked} is not supported by the API. Minimum is ${MIN_MICROVERSION} and maximum is ${MAX_MICROVERSION}.` };
  return { ok: true, version: `${v[0]}.${v[1]}` };
}

/** Nova's error body: {"itemNotFound": {"code": 404, "message": "..."}} and its kin. */
export function computeError(status: number, message: string) {
  const key: Record<number, string> = { 400: "badRequest", 401: "unauthorized", 403: "forbidden", 404: "itemNotFound", 405: "badMethod", 406: "notAcceptable", 409: "conflictingRequest", 413: "overLimit", 415: "badMediaType", 501: "notImplemented" };
  return { [key[status] ?? "computeFault"]: { code: status, message } };
}
