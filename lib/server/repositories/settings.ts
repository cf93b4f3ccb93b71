import "server-only";
import type { SchedulerSettings } from "@/lib/cloud/compute";
import { HCS_DEFAULTS } from "@/lib/cloud/compute";
import type { Db, Tx } from "../db";
import type { CloudSettings } from "@/lib/generated/prisma/client";
import { findRow } from "./sql";

export type CloudSettingsRow = SchedulerSettings & { maxAttempts: number; powerSyncSeconds: number; resizeConfirmWindowSeconds: number; thinProvisioningRatio: string; capacityWeightMultiplier: number; vniRanges: string; updatedAt: Date };

export async function loadSettings(client: Db | Tx): Promise<CloudSettingsRow> {
  // Read on every launch and scheduling decision: one plain statement (repositories/sql.ts).
  const row = await findRow<CloudSettings>(client, "CloudSettings", { id: 1 });
  if (row) return row;
  return client.cloudSettings.upsert({ where: { id: 1 }, create: { id: 1, ...HCS_DEFAULTS }, update: {} });
}
