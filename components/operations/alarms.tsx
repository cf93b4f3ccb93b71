"use client";
import Link from "next/link";
import type { ColumnDef } from "@tanstack/react-table";
import { useTranslations } from "next-intl";
import { useState } from "react";
import type { AlarmDto } from "@/lib/server/queries/alarms";
import { acknowledgeAlarmAction, clearAlarmAction, commentAlarmAction, drillComponentAction, drillDiskAction } from "@/lib/server/actions/operations";
import { ConfirmButton } from "@/components/ui/confirm-dialog";
import { DataTable, type ServerPage } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { TextField } from "@/components/ui/field";
import { FormDialog } from "@/components/ui/form-dialog";
import { Dot } from "@/components/ui/status-badge";
import { Time } from "@/components/ui/time";
import { useServerAction } from "@/components/ui/use-server-action";

const SEVERITY_TONE = { critical: "red", major: "amber", minor: "amber", warning: "grey" } as const;
const STATE_TONE = { active: "red", acknowledged: "amber", cleared: "green" } as const;

export function Severity({ severity }: { severity: AlarmDto["severity"] }) {
  const t = useTranslations("alarms");
  return <Dot tone={SEVERITY_TONE[severity]}>{t(`severity.${severity}`)}</Dot>;
}

export function AlarmStateBadge({ state }: { state: AlarmDto["state"] }) {
  const t = useTranslations("alarms");
  return <Dot tone={STATE_TONE[state]}>{t(`state.${state}`)}</Dot>;
}

/** What an alarm's source is and where to open it. */
export function AlarmSource({ alarm }: { alarm: Pick<AlarmDto, "sourceName" | "sourceHref"> }) {
  return alarm.sourceHref ? (
    <Link href={alarm.sourceHref} className="text-brand-600 hover:underline">
      {alarm.sourceName}
    </Link>
  ) : (
    <span>{alarm.sourceName}</span>
  );
}

/** OC's and eSight's alarm list: severity, what it is, where, how often, since when, its state. */
export function AlarmTable({ rows, page, filtered, base }: { rows: AlarmDto[]; page: ServerPage; filtered: boolean; base: string }) {
  const t = useTranslations("alarms");
  const columns: ColumnDef<AlarmDto, unknown>[] = [
    { id: "severity", header: t("columns.severity"), cell: ({ row: { original: a } }) => <Severity severity={a.severity} /> },
    {
      id: "type",
      header: t("columns.type"),
      cell: ({ row: { original: a } }) => (
        <Link href={`${base}/${a.id}`} className="font-medium text-brand-600 hover:underline">
          {t(`types.${a.type}`)}
        </Link>
      ),
    },
    { id: "sourceName", header: t("columns.source"), cell: ({ row: { original: a } }) => <AlarmSource alarm={a} /> },
    { id: "count", header: t("columns.count"), cell: ({ row: { original: a } }) => <span className="tabular-nums">{a.count}</span> },
    { id: "firstAt", header: t("columns.first"), cell: ({ row: { original: a } }) => <Time at={a.firstAt} /> },
    { id: "lastAt", header: t("columns.last"), cell: ({ row: { original: a } }) => <Time at={a.lastAt} /> },
    { id: "state", header: t("columns.state"), cell: ({ row: { original: a } }) => <AlarmStateBadge state={a.state} /> },
    { id: "root", header: t("columns.root"), cell: ({ row: { original: a } }) => (a.rootKey ? <span className="text-xs text-slate-500">{t("derived")}</span> : <span className="text-xs font-medium">{t("rootCause")}</span>) },
  ];
  return <DataTable data={rows} columns={columns} page={page} sortable={["severity", "type", "sourceName", "count", "firstAt", "lastAt"]} rowTestId={(a) => `alarm-${a.source}-${a.type}`} empty={<EmptyState title={filtered ? t("emptyFiltered") : t("empty")} />} />;
}

/** Acknowledge, clear and comment, as the alarm allows and the operator may. */
export function AlarmActions({ alarm }: { alarm: Pick<AlarmDto, "id" | "type" | "sourceName" | "can"> }) {
  const t = useTranslations("alarms");
  const tc = useTranslations("common");
  const [text, setText] = useState("");
  const comment = useServerAction();
  const what = { type: t(`types.${alarm.type}`), source: alarm.sourceName };
  return (
    <div className="flex flex-wrap gap-2">
      {alarm.can.acknowledge ? (
        <ConfirmButton label={t("acknowledge")} title={t("acknowledgeTitle", what)} description={t("acknowledgeHelp")} cancelLabel={tc("cancel")} confirmLabel={t("acknowledge")} action={() => acknowledgeAlarmAction({ id: alarm.id })} success={t("acknowledged", what)} />
      ) : null}
      {alarm.can.clear ? (
        <ConfirmButton label={t("clear")} title={t("clearTitle", what)} description={t("clearHelp")} cancelLabel={tc("cancel")} confirmLabel={t("clear")} action={() => clearAlarmAction({ id: alarm.id })} success={t("cleared", what)} />
      ) : null}
      {alarm.can.comment ? (
        <FormDialog
          trigger={{ kind: "button", label: t("comment") }}
          title={t("commentTitle", what)}
          submitLabel={t("comment")}
          cancelLabel={tc("cancel")}
          pending={comment.pending}
          error={comment.error}
          onOpen={() => (setText(""), comment.reset())}
          onSubmit={(close) => comment.run(() => commentAlarmAction({ id: alarm.id, text }), close, { success: t("commented") })}
        >
          <TextField label={t("commentText")} value={text} onChange={setText} maxLength={500} error={comment.fields.text ?? null} />
        </FormDialog>
      ) : null}
    </div>
  );
}

/** eSight's drill on one disk: fail it, or repair it (the array's every layer follows). */
export function DiskDrill({ disk }: { disk: { id: string; label: string; health: string } }) {
  const t = useTranslations("drills");
  const tc = useTranslations("common");
  const failed = disk.health !== "normal";
  return failed ? (
    <ConfirmButton look="link" label={t("repairDisk")} ariaLabel={t("repairDiskAria", { disk: disk.label })} title={t("repairDiskTitle", { disk: disk.label })} description={t("repairDiskHelp")} cancelLabel={tc("cancel")} confirmLabel={t("repairDisk")} action={() => drillDiskAction({ id: disk.id, op: "repair" })} success={t("repaired", { disk: disk.label })} />
  ) : (
    <ConfirmButton look="link" label={t("failDisk")} ariaLabel={t("failDiskAria", { disk: disk.label })} title={t("failDiskTitle", { disk: disk.label })} description={t("failDiskHelp")} cancelLabel={tc("cancel")} confirmLabel={t("failDisk")} action={() => drillDiskAction({ id: disk.id, op: "fail" })} success={t("failed", { disk: disk.label })} />
  );
}

/** eSight's drill on a server's or switch's part: fail a PSU or fan, take a port down; or repair it. */
export function ComponentDrill({ part }: { part: { id: string; label: string; kind: string; can: { fail: boolean; repair: boolean } } }) {
  const t = useTranslations("drills");
  const tc = useTranslations("common");
  const port = part.kind === "port";
  if (part.can.repair) {
    const label = port ? t("portUp") : t("repairDisk");
    return <ConfirmButton look="link" label={label} ariaLabel={t("repairPartAria", { part: part.label })} title={t("repairPartTitle", { part: part.label })} description={port ? t("portUpHelp") : t("repairPartHelp")} cancelLabel={tc("cancel")} confirmLabel={label} action={() => drillComponentAction({ id: part.id, op: "repair" })} success={t("partRepaired", { part: part.label })} />;
  }
  if (part.can.fail) {
    const label = port ? t("portDown") : t("failDisk");
    return <ConfirmButton look="link" label={label} ariaLabel={t("failPartAria", { part: part.label })} title={t("failPartTitle", { part: part.label })} description={port ? t("portDownHelp") : t("failPartHelp")} cancelLabel={tc("cancel")} confirmLabel={label} action={() => drillComponentAction({ id: part.id, op: "fail" })} success={t("partFailed", { part: part.label })} />;
  }
  return null;
}
