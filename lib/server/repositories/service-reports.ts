import "server-only";
import type { ServiceReport } from "@/lib/generated/prisma/client";
import type { Db, Tx } from "../db";
import { findRow } from "./sql";

/**
 * The services of one kind report together, from the task runner: one row per kind and
 * interval, whatever the number of hosts or pools. A service that stops stops taking part
 * (its own row says so: Host.serviceRunning, StoragePool.serviceRunning).
 */
export type ServiceKind = "compute" | "volume";

/** When the running services of this kind last reported; null before the first report. */
export async function lastServiceReport(client: Db | Tx, service: ServiceKind): Promise<Date | null> {
  return (await findRow<ServiceReport>(client, "ServiceReport", { service }))?.reportedAt ?? null;
}

export async function recordServiceReport(client: Db | Tx, service: ServiceKind, at: Date): Promise<void> {
  await client.serviceReport.upsert({ where: { service }, create: { service, reportedAt: at }, update: { reportedAt: at } });
}
