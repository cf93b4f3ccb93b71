import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { explainPlacement, explainVolumePlacement } from "@/lib/server/queries/placement";
import { listVolumeTypes } from "@/lib/server/queries/storage";
import { VolumeRejectionText } from "@/components/placement/volume-rejection-text";
import { listAzs, listFlavors, listImages } from "@/lib/server/queries/catalog";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { PageHeader } from "@/components/ui/page-header";
import { Card } from "@/components/ui/card";
import { Alert } from "@/components/ui/empty-state";
import { SimpleTable } from "@/components/ui/simple-table";
import { Dot } from "@/components/ui/status-badge";
import { RejectionText } from "@/components/placement/rejection-text";
import { stageLabel, type FilterName } from "@/lib/cloud/compute/scheduler";
import { orNotFound, pageActor, searchParamsOf } from "../../page-guard";

export async function generateMetadata() {
  return { title: (await getTranslations("placement"))("title") };
}

const params = z.object({
  az: z.string().max(40).optional(),
  flavor: z.string().max(64).optional(),
  image: z.string().max(64).optional(),
  host: z.string().trim().max(64).optional(),
  // The volume mode: an AZ, a volume type and a size.
  vaz: z.string().max(40).optional(),
  vtype: z.string().max(64).optional(),
  vsize: z.coerce.number().int().min(1).max(1_000_000).optional(),
});

export default async function PlacementPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const actor = await pageActor("service-om", "host:view");
  const p = searchParamsOf(params, await searchParams);
  const [azs, flavors, images, t, tn] = await Promise.all([listAzs(), listFlavors(actor), listImages(actor), getTranslations("placement"), getTranslations("nav")]);
  const canStorage = actor.permissions.has("storage:view");
  const volumeTypes = canStorage ? await listVolumeTypes(actor) : [];
  const volume = canStorage && p.vtype && p.vsize ? await orNotFound(() => explainVolumePlacement(actor, { az: p.vaz || null, volumeTypeId: p.vtype as string, sizeGb: p.vsize as number })) : null;
  const flavorId = p.flavor ?? flavors[0]?.id ?? "";
  const imageId = p.image ?? images[0]?.id ?? "";
  const az = p.az ? p.az : null;
  const result = p.flavor ? await orNotFound(() => explainPlacement(actor, { az, flavorId, imageId, forceHost: p.host || null })) : null;
  // Filter classes and resource classes are Nova's names; the other Placement stages have words.
  const stage = (name: FilterName) => (t.has(`stages.${name}`) ? t(`stages.${name}`) : stageLabel(name));
  return (
    <>
      <Breadcrumbs items={[{ label: tn("som.title"), href: "/service-om" }, { label: t("title") }]} />
      <PageHeader title={t("title")} description={t("description")} />
      <Card>
        <form method="get" className="flex flex-wrap items-end gap-3">
          <QuerySelect name="az" label={t("az")} defaultValue={p.az ?? ""} options={[{ value: "", label: t("anyAz") }, ...azs.map((a) => ({ value: a.id, label: a.name }))]} />
          <QuerySelect name="flavor" label={t("flavor")} defaultValue={flavorId} options={flavors.map((f) => ({ value: f.id, label: `${f.name} (${f.vcpus} vCPU, ${f.ramMb / 1024} GiB)` }))} />
          <QuerySelect name="image" label={t("image")} defaultValue={imageId} options={images.map((i) => ({ value: i.id, label: i.name }))} />
          <label className="block">
            <span className="mb-1 block text-xs text-slate-600">{t("forceHost")}</span>
            <input name="host" defaultValue={p.host ?? ""} placeholder="cmp-az1-0001" className={FIELD} aria-label={t("forceHost")} />
          </label>
          <button type="submit" className="h-8 rounded-sm bg-brand-500 px-3.5 text-[13px] font-medium text-white hover:bg-brand-600">
            {t("explain")}
          </button>
        </form>
      </Card>
      {result ? (
        <div className="mt-4 space-y-4">
          {result.noHost ? <Alert>{t("noHost", { filter: result.noHost.filter ? stage(result.noHost.filter) : "-" })}</Alert> : <Alert tone="success">{t("wouldLand", { host: result.rows[0]?.host ?? "-" })}</Alert>}
          <Card title={t("funnel")}>
            <ol className="flex flex-wrap items-center gap-2 text-xs" data-testid="placement-funnel">
              <li className="rounded-sm bg-slate-100 px-2 py-1">{t("allHosts", { n: result.total })}</li>
              {result.funnel.map((f) => (
                <li key={f.filter} className="rounded-sm bg-slate-100 px-2 py-1">
                  {stage(f.filter)}: <span className="font-semibold tabular-nums">{f.remaining}</span>
                </li>
              ))}
            </ol>
            <p className="mt-2 text-xs text-slate-500">{t("weighHint", { ram: result.multipliers.ram, cpu: result.multipliers.cpu, disk: result.multipliers.disk })}</p>
          </Card>
          <Card title={t("hosts")}>
            <SimpleTable
              rows={result.rows}
              rowKey={(r) => r.hostId}
              rowTestId={(r) => `placement-${r.host}`}
              columns={[
                { header: t("rank"), cell: (r) => r.rank ?? "-", className: "tabular-nums" },
                { header: t("host"), cell: (r) => r.host, className: "font-medium" },
                { header: t("az"), cell: (r) => r.az },
                { header: t("verdict"), cell: (r) => (r.rejection ? <Dot tone="red">{t("rejected")}</Dot> : <Dot tone={r.rank === 1 ? "blue" : "green"}>{t(r.rank === 1 ? "chosen" : "passed")}</Dot>) },
                { header: t("filter"), cell: (r) => (r.rejection ? stage(r.rejection.filter) : "-"), className: "font-mono text-xs" },
                { header: t("why"), cell: (r) => (r.rejection ? <RejectionText r={r.rejection} /> : r.weights && r.weights.group ? t("weightsGroup", { ram: r.weights.ram.toFixed(3), cpu: r.weights.cpu.toFixed(3), disk: r.weights.disk.toFixed(3), group: (r.weights.group / 1e6).toFixed(3) }) : t("weights", { ram: r.weights?.ram.toFixed(3) ?? "0", cpu: r.weights?.cpu.toFixed(3) ?? "0", disk: r.weights?.disk.toFixed(3) ?? "0", total: r.weights?.total.toFixed(3) ?? "0" })) },
              ]}
            />
          </Card>
        </div>
      ) : null}
      {canStorage ? (
        <Card title={t("volume.title")} className="mt-4">
          <p className="mb-3 text-xs text-slate-500">{t("volume.description")}</p>
          <form method="get" className="flex flex-wrap items-end gap-3">
            <QuerySelect name="vaz" label={t("az")} ariaLabel={t("volume.az")} defaultValue={p.vaz ?? ""} options={[{ value: "", label: t("anyAz") }, ...azs.map((a) => ({ value: a.id, label: a.name }))]} />
            <QuerySelect name="vtype" label={t("volume.type")} defaultValue={p.vtype ?? volumeTypes[0]?.id ?? ""} options={volumeTypes.map((vt) => ({ value: vt.id, label: vt.name }))} />
            <label className="block">
              <span className="mb-1 block text-xs text-slate-600">{t("volume.size")}</span>
              <input name="vsize" type="number" min={1} defaultValue={p.vsize ?? 100} className={FIELD} aria-label={t("volume.size")} />
            </label>
            <button type="submit" className="h-8 rounded-sm bg-brand-500 px-3.5 text-[13px] font-medium text-white hover:bg-brand-600">
              {t("volume.explain")}
            </button>
          </form>
          {volume ? (
            <div className="mt-4 space-y-3">
              {volume.noPool ? (
                <Alert>{t("volume.noPool", { filter: volume.noPool.filter ?? "-", requested: volume.noPool.requested, best: volume.noPool.bestAvailable ?? "-" })}</Alert>
              ) : (
                <Alert tone="success">{t("volume.wouldLand", { pool: volume.rows[0]?.pool ?? "-", provisioning: t(volume.request.thin ? "volume.thin" : "volume.thick") })}</Alert>
              )}
              <ol className="flex flex-wrap items-center gap-2 text-xs" data-testid="volume-funnel">
                <li className="rounded-sm bg-slate-100 px-2 py-1">{t("volume.allPools", { n: volume.total })}</li>
                {volume.funnel.map((f) => (
                  <li key={f.filter} className="rounded-sm bg-slate-100 px-2 py-1">
                    {f.filter}: <span className="font-semibold tabular-nums">{f.remaining}</span>
                  </li>
                ))}
              </ol>
              <p className="text-xs text-slate-500">{t("volume.weighHint", { multiplier: volume.multiplier })}</p>
              <SimpleTable
                rows={volume.rows}
                rowKey={(r) => r.pool}
                rowTestId={(r) => `volume-placement-${r.pool}`}
                columns={[
                  { header: t("rank"), cell: (r) => r.rank ?? "-", className: "tabular-nums" },
                  { header: t("volume.pool"), cell: (r) => r.pool, className: "font-medium" },
                  { header: t("az"), cell: (r) => r.az },
                  { header: t("verdict"), cell: (r) => (r.rejection ? <Dot tone="red">{t("rejected")}</Dot> : <Dot tone={r.rank === 1 ? "blue" : "green"}>{t(r.rank === 1 ? "chosen" : "passed")}</Dot>) },
                  { header: t("filter"), cell: (r) => r.rejection?.filter ?? "-", className: "font-mono text-xs" },
                  { header: t("why"), cell: (r) => (r.rejection ? <VolumeRejectionText r={r.rejection} /> : t("volume.weight", { free: r.virtualFree ?? "-", weight: r.weight?.toFixed(3) ?? "0" })) },
                ]}
              />
            </div>
          ) : null}
        </Card>
      ) : null}
    </>
  );
}

const FIELD = "h-8 rounded-sm border border-slate-300 bg-white px-2 text-[13px]";

/** A select of the page's GET form (the choice goes into the URL, so a dry run can be linked to). */
function QuerySelect({ name, label, ariaLabel, defaultValue, options }: { name: string; label: string; ariaLabel?: string; defaultValue: string; options: { value: string; label: string }[] }) {
  return (
    <label className="block">
      <span className="mb-1 block text-xs text-slate-600">{label}</span>
      <select name={name} defaultValue={defaultValue} className={FIELD} aria-label={ariaLabel ?? label}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}
