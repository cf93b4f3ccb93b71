import { getTranslations } from "next-intl/server";
import { volumeListParams } from "@/lib/schemas/volumes";
import { getPool } from "@/lib/server/queries/storage";
import { listVolumes } from "@/lib/server/queries/volumes";
import { listAzs } from "@/lib/server/queries/catalog";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { Card, Field } from "@/components/ui/card";
import { Tag } from "@/components/ui/status-badge";
import { Time } from "@/components/ui/time";
import { MovePoolDialog, PoolBars, PoolRatio, PoolRatioDialog, PoolState, PoolStateButtons } from "@/components/storage/pools";
import { VolumeTable } from "@/components/evs/volumes";
import { orNotFound, pageActor, searchParamsOf } from "../../../page-guard";
import { MetricCard } from "../../../metric-card";

const gb = (n: number | null) => (n === null ? "-" : `${(Math.round(n * 100) / 100).toLocaleString("en-US")} GB`);

export default async function StoragePoolPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string>> }) {
  const actor = await pageActor("service-om", "storage:view");
  const { id } = await params;
  const pool = await orNotFound(() => getPool(actor, id));
  const raw = await searchParams;
  const list = searchParamsOf(volumeListParams, raw);
  const [volumes, azs, t, tn] = await Promise.all([
    actor.permissions.has("evs:view_all") ? listVolumes(actor, { ...list, pool: pool.id }, { allTenants: true }) : null,
    listAzs(),
    getTranslations("pools"),
    getTranslations("nav"),
  ]);
  const manage = actor.permissions.has("storage:manage");
  return (
    <>
      <Breadcrumbs items={[{ label: tn("som.title"), href: "/service-om" }, { label: t("title"), href: "/service-om/storage-pools" }, { label: pool.name }]} />
      <div className="space-y-4">
        <Card
          title={<span data-testid="pool-name">{pool.name}</span>}
          actions={
            manage ? (
              <span className="flex items-center gap-2">
                {pool.thinSupport ? <PoolRatioDialog pool={pool} /> : null}
                <MovePoolDialog pool={pool} azs={azs} />
                <PoolStateButtons pool={pool} />
              </span>
            ) : null
          }
        >
          <div className="grid grid-cols-1 gap-x-8 lg:grid-cols-2">
            <dl>
              <Field label={t("columns.state")}><PoolState pool={pool} /></Field>
              {pool.disabledReason ? <Field label={t("fields.reason")}>{pool.disabledReason}</Field> : null}
              <Field label={t("columns.az")}><span data-testid="pool-az">{pool.az}</span></Field>
              <Field label={t("detail.array")}>{`${pool.array} · ${pool.raidGroupId}`}</Field>
              <Field label={t("columns.backend")}><span className="font-mono text-xs">{`cinder-volume@${pool.arrayId}#${pool.name} · ${pool.backendName}`}</span></Field>
              <Field label={t("detail.media")}>{`${pool.diskType} · ${pool.tier} · ${pool.protocol}`}</Field>
              <Field label={t("detail.provisioning")}>{[pool.thinSupport ? t("detail.thin") : null, pool.thickSupport ? t("detail.thick") : null].filter(Boolean).join(" · ")}</Field>
              <Field label={t("detail.lastReport")}><Time at={pool.lastHeartbeatAt} /></Field>
            </dl>
            <dl>
              <Field label={t("columns.capacity")}><PoolBars pool={pool} /></Field>
              <Field label={t("detail.total")}>{gb(pool.totalGb)}</Field>
              <Field label={t("detail.free")}>{gb(pool.freeGb)}</Field>
              <Field label={t("detail.allocated")}><span data-testid="pool-allocated">{gb(pool.allocatedGb)}</span></Field>
              <Field label={t("detail.thinLimit")}><span data-testid="pool-thin-limit">{gb(pool.thinLimitGb)}</span></Field>
              <Field label={t("detail.thinFree")}>{gb(pool.thinFreeGb)}</Field>
              <Field label={t("detail.thickFree")}>{gb(pool.thickFreeGb)}</Field>
              <Field label={t("columns.ratio")}><PoolRatio pool={pool} /></Field>
              <Field label={t("columns.reserved")}>{`${pool.reservedPercentage}%`}</Field>
            </dl>
          </div>
          <div className="mt-3">
            <div className="mb-1 text-xs text-slate-500">{t("detail.capabilities")}</div>
            <div className="flex flex-wrap gap-1">
              {Object.entries(pool.capabilities).map(([k, v]) => (
                <Tag key={k}>{`${k}=${String(v)}`}</Tag>
              ))}
            </div>
          </div>
        </Card>
        <MetricCard actor={actor} kind="pool" sourceId={pool.id} range={raw.range} testId="pool-metrics" />
        {volumes ? (
          <Card title={t("detail.volumes", { count: volumes.total })}>
            <VolumeTable initial={volumes.rows} page={volumes} admin />
          </Card>
        ) : null}
      </div>
    </>
  );
}
