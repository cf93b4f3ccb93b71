"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import type { PoolDto } from "@/lib/server/queries/storage";
import { movePoolAction, setPoolRatioAction, setPoolStateAction } from "@/lib/server/actions/storage-admin";
import { CapacityBar } from "@/components/ui/capacity-bar";
import { ConfirmButton } from "@/components/ui/confirm-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { SelectField, TextField } from "@/components/ui/field";
import { FormDialog } from "@/components/ui/form-dialog";
import { SimpleTable } from "@/components/ui/simple-table";
import { Dot, Tag } from "@/components/ui/status-badge";
import { useServerAction } from "@/components/ui/use-server-action";

const gb = (n: number) => `${Math.round(n).toLocaleString("en-US")} GB`;

/** The backend service as Cinder's scheduler sees it: up or down (heartbeats), enabled or disabled. */
export function PoolState({ pool }: { pool: Pick<PoolDto, "up" | "enabled" | "serviceRunning"> }) {
  const t = useTranslations("pools");
  return (
    <span className="flex flex-col gap-0.5" data-testid="pool-state">
      <Dot tone={pool.up ? "green" : "red"}>{t(pool.up ? "up" : pool.serviceRunning ? "down" : "stopped")}</Dot>
      <Dot tone={pool.enabled ? "green" : "grey"}>{t(pool.enabled ? "enabled" : "disabled")}</Dot>
    </span>
  );
}

/** Physical space written, and what volumes were given against the thin limit (or the physical size when thick only). */
export function PoolBars({ pool }: { pool: PoolDto }) {
  const t = useTranslations("pools");
  const limit = Math.floor(pool.thinLimitGb ?? pool.totalGb);
  return (
    <div className="space-y-1">
      <CapacityBar label={t("physical")} used={pool.writtenGb} total={pool.totalGb} detail={`${gb(pool.writtenGb)} / ${gb(pool.totalGb)}`} />
      <CapacityBar label={pool.thinLimitGb !== null ? t("provisionedThin") : t("provisionedThick")} used={pool.allocatedGb} total={limit} detail={`${gb(pool.allocatedGb)} / ${gb(limit)}`} />
    </div>
  );
}

/** The ratio in force, and where it comes from (the pool's override or the CPS setting). */
export function PoolRatio({ pool }: { pool: Pick<PoolDto, "ratio" | "ratioOverride" | "thinSupport" | "cloudRatio"> }) {
  const t = useTranslations("pools");
  if (!pool.thinSupport) return <span>-</span>;
  const effective = Math.round(pool.ratio * 100) / 100;
  return (
    <span className="tabular-nums" data-testid="pool-ratio">
      {effective}
      <span className="ml-1 text-[11px] text-slate-500">{pool.ratioOverride ? t("ratioOverride", { value: pool.ratioOverride }) : t("ratioCloud", { value: pool.cloudRatio })}</span>
    </span>
  );
}

export function PoolTable({ rows }: { rows: PoolDto[] }) {
  const t = useTranslations("pools");
  return (
    <SimpleTable
      rows={rows}
      rowKey={(p) => p.id}
      rowTestId={(p) => `pool-row-${p.name}`}
      empty={<EmptyState title={t("empty")} />}
      columns={[
        {
          header: t("columns.name"),
          cell: (p) => (
            <div>
              <Link href={`/service-om/storage-pools/${p.id}`} className="font-medium text-brand-600 hover:underline">
                {p.name}
              </Link>
              <div className="mt-0.5 flex gap-1">
                <Tag>{p.diskType}</Tag>
                <Tag>{p.tier}</Tag>
                <Tag>{p.protocol}</Tag>
              </div>
            </div>
          ),
        },
        { header: t("columns.state"), cell: (p) => <PoolState pool={p} /> },
        { header: t("columns.az"), cell: (p) => p.az },
        { header: t("columns.backend"), cell: (p) => <span className="font-mono text-xs">{`${p.array} · ${p.backendName}`}</span> },
        { header: t("columns.capacity"), cell: (p) => <PoolBars pool={p} /> },
        { header: t("columns.free"), cell: (p) => <span className="tabular-nums">{`${gb(p.freeGb)} · ${t("thinFree", { gb: p.thinFreeGb === null ? "-" : gb(p.thinFreeGb) })}`}</span> },
        { header: t("columns.ratio"), cell: (p) => <PoolRatio pool={p} /> },
        { header: t("columns.reserved"), cell: (p) => `${p.reservedPercentage}%` },
        { header: t("columns.volumes"), cell: (p) => <span className="tabular-nums">{p.volumes}</span> },
      ]}
    />
  );
}

/** Override the pool's max_over_subscription_ratio, or follow the CPS setting again (empty). */
export function PoolRatioDialog({ pool }: { pool: PoolDto }) {
  const t = useTranslations("pools");
  const router = useRouter();
  const [ratio, setRatio] = useState("");
  const { run, pending, error, fields, reset } = useServerAction();
  return (
    <FormDialog
      trigger={{ kind: "button", label: t("setRatio") }}
      title={t("setRatioFor", { name: pool.name })}
      description={t("setRatioHint", { cloud: pool.cloudRatio })}
      submitLabel={t("save")}
      cancelLabel={t("cancel")}
      pending={pending}
      error={error}
      onOpen={() => (reset(), setRatio(pool.ratioOverride ?? ""))}
      onSubmit={(close) => run(() => setPoolRatioAction({ id: pool.id, ratio }), () => (close(), router.refresh()), { success: t("ratioSaved", { name: pool.name }) })}
    >
      <TextField label={t("fields.ratio")} value={ratio} onChange={setRatio} error={fields.ratio} placeholder={t("fields.ratioPlaceholder")} />
    </FormDialog>
  );
}

/** Bind the pool to another AZ: refused while it holds volumes. */
export function MovePoolDialog({ pool, azs }: { pool: PoolDto; azs: { id: string; name: string }[] }) {
  const t = useTranslations("pools");
  const router = useRouter();
  const [az, setAz] = useState(pool.az);
  const { run, pending, error, fields, reset } = useServerAction();
  return (
    <FormDialog
      trigger={{ kind: "button", label: t("move") }}
      title={t("moveFor", { name: pool.name })}
      description={t("moveHint")}
      submitLabel={t("save")}
      cancelLabel={t("cancel")}
      pending={pending}
      error={error}
      onOpen={() => (reset(), setAz(pool.az))}
      onSubmit={(close) => run(() => movePoolAction({ id: pool.id, azId: az }), () => (close(), router.refresh()), { success: t("moved", { name: pool.name, az }) })}
    >
      <SelectField label={t("fields.az")} value={az} onChange={setAz} error={fields.azId} options={azs.map((a) => ({ value: a.id, label: a.name }))} />
    </FormDialog>
  );
}

/** Disable the pool's backend (with a reason), enable it, or stop / start its cinder-volume (a failure drill). */
export function PoolStateButtons({ pool }: { pool: PoolDto }) {
  const t = useTranslations("pools");
  const router = useRouter();
  const [reason, setReason] = useState("");
  const { run, pending, error, reset } = useServerAction();
  const service = pool.serviceRunning ? "stop" : "start";
  return (
    <>
      <ConfirmButton
        label={t(`ops.${service}`)}
        title={t(`ops.${service}Title`, { name: pool.name })}
        description={t(`ops.${service}Body`)}
        cancelLabel={t("cancel")}
        confirmLabel={t("confirm")}
        action={() => setPoolStateAction({ id: pool.id, op: service })}
        onDone={() => router.refresh()}
        success={t(`ops.${service}Done`, { name: pool.name })}
      />
      {pool.enabled ? (
        <FormDialog
          trigger={{ kind: "button", label: t("ops.disable") }}
          title={t("ops.disableTitle", { name: pool.name })}
          description={t("ops.disableBody")}
          submitLabel={t("confirm")}
          cancelLabel={t("cancel")}
          pending={pending}
          error={error}
          onOpen={() => (reset(), setReason(""))}
          onSubmit={(close) => run(() => setPoolStateAction({ id: pool.id, op: "disable", reason }), () => (close(), router.refresh()), { success: t("ops.disableDone", { name: pool.name }) })}
        >
          <TextField label={t("fields.reason")} value={reason} onChange={setReason} maxLength={255} />
        </FormDialog>
      ) : (
        <ConfirmButton
          label={t("ops.enable")}
          title={t("ops.enableTitle", { name: pool.name })}
          description={t("ops.enableBody")}
          cancelLabel={t("cancel")}
          confirmLabel={t("confirm")}
          action={() => setPoolStateAction({ id: pool.id, op: "enable" })}
          onDone={() => router.refresh()}
          success={t("ops.enableDone", { name: pool.name })}
        />
      )}
    </>
  );
}
