import "server-only";
import type { z } from "zod";
import type { Permission } from "@/lib/cloud/identity";
import { listParams } from "@/lib/schemas/instances";
import { userListParams } from "@/lib/schemas/organizations";
import type { Actor } from "./auth/actor";
import { csvOf } from "./csv";
import { listHosts } from "./queries/hosts";
import { listInstances } from "./queries/instances";
import { listUsers } from "./queries/organizations";
import { listOrders } from "./queries/orders";
import { pageDevices } from "./queries/infrastructure";
import { orderListParams } from "@/lib/schemas/orders";
import { deviceListParams } from "@/lib/schemas/compute";
import type { Page } from "./queries/paging";
import { listAlarms } from "./queries/alarms";
import { alarmListParams } from "@/lib/schemas/operations";
import { listSchema } from "@/lib/schemas/list";
import { capacityReportPage, vdcUsageReport } from "./queries/operations-dashboard";

/**
 * A list's CSV export: the same query the page runs (so the same scope, filters, search and
 * sort), every page of it up to MAX_EXPORT_ROWS, as the columns an operator would want.
 */
interface ListExport<P, T> {
  permission: Permission;
  params: z.ZodType<P>;
  fetch: (actor: Actor, params: P) => Promise<Page<T>>;
  columns: readonly (readonly [string, (row: T) => unknown])[];
}

export const MAX_EXPORT_ROWS = 10_000;

/** A list's export with its types closed over: the registry holds only permission and CSV. */
export interface ListExporter {
  permission: Permission;
  csv: (actor: Actor, raw: Record<string, string>) => Promise<string>;
}

function define<P, T>(e: ListExport<P, T>): ListExporter {
  return { permission: e.permission, csv: (actor, raw) => exportCsv(e, actor, raw) };
}

export const LIST_EXPORTS = {
  users: define({
    permission: "user:view",
    params: userListParams,
    fetch: listUsers,
    columns: [
      ["username", (u) => u.username],
      ["display_name", (u) => u.displayName],
      ["email", (u) => u.email],
      ["vdc", (u) => u.vdc],
      ["roles", (u) => u.roles.map((r) => (r.scope ? `${r.role}@${r.scope}` : r.role)).join(" ")],
      ["state", (u) => (u.disabled ? "disabled" : u.locked ? "locked" : "enabled")],
      ["last_login", (u) => u.lastLoginAt],
    ],
  }),
  instances: define({
    permission: "ecs:view",
    params: listParams,
    fetch: (actor, p) => listInstances(actor, p, { allTenants: actor.permissions.has("ecs:view_all") }),
    columns: [
      ["id", (i) => i.id],
      ["name", (i) => i.name],
      ["status", (i) => i.status],
      ["vm_state", (i) => i.vmState],
      ["task_state", (i) => i.taskState],
      ["power_state", (i) => i.powerState],
      ["az", (i) => i.az],
      ["flavor", (i) => i.flavor],
      ["vcpus", (i) => i.vcpus],
      ["ram_mb", (i) => i.memoryMb],
      ["image", (i) => i.image],
      ["ip", (i) => i.ipAddress],
      ["project", (i) => i.project],
      // Empty unless the caller may see hosts (the query leaves it out for tenants).
      ["host", (i) => i.host],
      ["created_at", (i) => i.createdAt],
    ],
  }),
  hosts: define({
    permission: "host:view",
    params: listParams,
    fetch: listHosts,
    columns: [
      ["name", (h) => h.name],
      ["az", (h) => h.az],
      ["ip", (h) => h.ip],
      ["architecture", (h) => h.architecture],
      ["cpu_model", (h) => h.cpuModel],
      ["enabled", (h) => h.enabled],
      ["up", (h) => h.up],
      ["vcpus", (h) => h.vcpus],
      ["vcpus_used", (h) => h.vcpusUsed],
      ["vcpu_limit", (h) => h.vcpuLimit],
      ["memory_mb", (h) => h.memoryMb],
      ["memory_mb_used", (h) => h.memoryMbUsed],
      ["disk_gb", (h) => h.diskGb],
      ["disk_gb_used", (h) => h.diskGbUsed],
      ["instances", (h) => h.instanceCount],
      ["groups", (h) => h.groups.join(" ")],
    ],
  }),
  orders: define({
    permission: "order:view_all",
    params: orderListParams,
    fetch: (actor, p) => listOrders(actor, { ...p, scope: "all" }),
    columns: [
      ["order_no", (o) => o.orderNo],
      ["kind", (o) => o.kind],
      ["product", (o) => o.product],
      ["applicant", (o) => o.applicant],
      ["vdc", (o) => o.vdc],
      ["status", (o) => o.status],
      ["level", (o) => (o.level ? `${o.level.no} ${o.level.name}` : "")],
      ["items", (o) => o.summary],
      ["submitted_at", (o) => o.createdAt],
    ],
  }),
  alarms: define({
    permission: "alarm:view",
    params: alarmListParams,
    fetch: listAlarms,
    columns: [
      ["severity", (a) => a.severity],
      ["state", (a) => a.state],
      ["type", (a) => a.type],
      ["source", (a) => a.sourceName],
      ["source_id", (a) => a.source],
      ["count", (a) => a.count],
      ["first_occurred", (a) => a.firstAt],
      ["last_occurred", (a) => a.lastAt],
      ["root_cause", (a) => a.rootKey],
      ["acknowledged_by", (a) => a.acknowledgedBy],
      ["cleared_at", (a) => a.clearedAt],
      ["cleared_by", (a) => a.clearedBy],
    ],
  }),
  devices: define({
    permission: "hardware:view",
    params: deviceListParams,
    fetch: pageDevices,
    columns: [
      ["name", (s) => s.name],
      ["health", (s) => s.health],
      ["maintenance", (s) => s.maintenance],
      ["role", (s) => s.role],
      ["model", (s) => s.model],
      ["serial_no", (s) => s.serialNo],
      ["management_ip", (s) => s.ip],
      ["az", (s) => s.az],
    ],
  }),
  // OC's reports: every resource pool with its figures, and every VDC's quota use.
  capacity: define({
    permission: "capacity:view",
    params: listSchema({}),
    fetch: (actor) => capacityReportPage(actor),
    columns: [
      ["type", (r) => r.type],
      ["az", (r) => r.az],
      ["name", (r) => r.name],
      ["resource", (r) => r.resource],
      ["unit", (r) => r.unit],
      ["total", (r) => r.total],
      ["limit", (r) => r.limit],
      ["allocated", (r) => r.allocated],
      ["used", (r) => r.used],
      ["free", (r) => r.free],
      ["oversubscription", (r) => r.oversubscription],
      ["days_until_full", (r) => r.daysUntilFull],
    ],
  }),
  "vdc-usage": define({
    permission: "capacity:view",
    params: listSchema({}),
    fetch: (actor) => vdcUsageReport(actor),
    columns: [
      ["vdc", (r) => r.vdc],
      ["level", (r) => r.level],
      ["region", (r) => r.region],
      ["resource", (r) => r.resource],
      ["limit", (r) => r.limit],
      ["used", (r) => r.used],
      ["percent", (r) => r.percent],
    ],
  }),
} satisfies Record<string, ListExporter>;

export type ListName = keyof typeof LIST_EXPORTS;

export function isListName(name: string): name is ListName {
  return Object.hasOwn(LIST_EXPORTS, name);
}

/** Every row the caller may see under these filters, as CSV (at most MAX_EXPORT_ROWS rows). */
async function exportCsv<P, T>(e: ListExport<P, T>, actor: Actor, raw: Record<string, string>): Promise<string> {
  const base = e.params.parse({ ...raw, page: "1", pageSize: "100" }) as P & { page: number };
  const rows: T[] = [];
  for (let page = 1; rows.length < MAX_EXPORT_ROWS; page++) {
    const res = await e.fetch(actor, { ...base, page });
    rows.push(...res.rows);
    if (res.rows.length === 0 || page * res.pageSize >= res.total) break;
  }
  return csvOf(e.columns.map(([h]) => h), rows.slice(0, MAX_EXPORT_ROWS).map((r) => e.columns.map(([, get]) => get(r))));
}
