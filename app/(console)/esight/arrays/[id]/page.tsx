import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { arrayDetail } from "@/lib/server/queries/infrastructure";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { Card, Field } from "@/components/ui/card";
import { SimpleTable } from "@/components/ui/simple-table";
import { Dot, Tag } from "@/components/ui/status-badge";
import { DiskDrill } from "@/components/operations/alarms";
import { orNotFound, pageActor } from "../../../page-guard";

const HEALTH_TONE: Record<string, "green" | "amber" | "red"> = { normal: "green", degraded: "amber", faulty: "red", failed: "red" };
const gb = (n: number) => `${Math.round(n).toLocaleString("en-US")} GB`;

export default async function ArrayPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await pageActor("esight", "hardware:view");
  const { id } = await params;
  const a = await orNotFound(() => arrayDetail(actor, id));
  const [t, tn] = await Promise.all([getTranslations("esight"), getTranslations("nav")]);
  const health = (h: string) => <Dot tone={HEALTH_TONE[h] ?? "amber"}>{t.has(`componentHealth.${h}`) ? t(`componentHealth.${h}`) : h}</Dot>;
  const poolLinks = actor.permissions.has("storage:view");
  const drills = actor.permissions.has("drill:run");
  return (
    <>
      <Breadcrumbs items={[{ label: tn("esight.title") }, { label: tn("esight.devices"), href: "/esight" }, { label: a.name }]} />
      <div className="space-y-4">
        <Card title={<span data-testid="array-name">{a.name}</span>}>
          <dl className="grid grid-cols-1 gap-x-8 lg:grid-cols-2">
            <div>
              <Field label={t("array.model")}>{a.model}</Field>
              <Field label={t("array.serial")}>{a.serialNo}</Field>
            </div>
            <div>
              <Field label={t("array.firmware")}>{a.firmware}</Field>
              <Field label={t("array.managementIp")}><span className="font-mono">{a.managementIp}</span></Field>
            </div>
          </dl>
        </Card>
        <Card title={t("array.controllers")}>
          <SimpleTable
            rows={a.controllers}
            rowKey={(c) => c.id}
            columns={[
              { header: t("array.name"), cell: (c) => c.name },
              { header: t("array.role"), cell: (c) => t(`array.roles.${c.role}`) },
              { header: t("array.cache"), cell: (c) => `${c.cacheGb} GB` },
              { header: t("healthCol"), cell: (c) => health(c.health) },
            ]}
          />
        </Card>
        <Card title={t("array.raidGroups")}>
          <SimpleTable
            rows={a.raidGroups}
            rowKey={(g) => g.id}
            rowTestId={(g) => `raid-${g.name}`}
            columns={[
              { header: t("array.name"), cell: (g) => <span className="font-medium">{g.name}</span> },
              { header: t("array.layout"), cell: (g) => (g.kind === "raid20" ? t("array.raid20", { level: g.level, policy: g.policy ?? "-", spare: g.hotSpareDisks }) : g.level) },
              { header: t("array.disks"), cell: (g) => `${g.disks} × ${g.diskTypes}` },
              { header: t("array.raw"), cell: (g) => gb(g.rawGb) },
              { header: t("array.usable"), cell: (g) => <span data-testid={`raid-usable-${g.name}`}>{gb(g.usableGb)}</span> },
              { header: t("array.chunkGroups"), cell: (g) => (g.chunkGroups === null ? "-" : t("array.chunkGroupsValue", { groups: g.chunkGroups.toLocaleString("en-US"), spare: gb(g.spareGb ?? 0) })) },
              { header: t("healthCol"), cell: (g) => <span className="flex flex-col">{health(g.health)}{g.failedDisks ? <span className="text-[11px] text-slate-500">{t("array.failedDisks", { count: g.failedDisks })}</span> : null}</span> },
              {
                header: t("array.pools"),
                cell: (g) =>
                  g.pools.map((p) =>
                    poolLinks ? (
                      <Link key={p.id} className="mr-2 text-brand-600 hover:underline" href={`/service-om/storage-pools/${p.id}`}>{`${p.name} (${p.az})`}</Link>
                    ) : (
                      <span key={p.id} className="mr-2">{`${p.name} (${p.az})`}</span>
                    ),
                  ),
              },
            ]}
          />
        </Card>
        {a.enclosures.map((e) => (
          <Card key={e.id} title={`${e.name} · ${t(`array.enclosureKinds.${e.kind}`)}${e.cascadePort ? ` · ${t("array.cascade", { port: e.cascadePort })}` : ""}`}>
            <p className="mb-2 text-xs text-slate-500">{t("array.slotsUsed", { used: e.disks.length, slots: e.slots })}</p>
            <SimpleTable
              rows={e.disks}
              rowKey={(d) => d.id}
              rowTestId={(d) => `disk-${e.name}-${d.slot}`}
              columns={[
                { header: t("array.slot"), cell: (d) => <span className="tabular-nums">{d.slot}</span> },
                { header: t("array.type"), cell: (d) => <Tag>{d.type}</Tag> },
                { header: t("array.size"), cell: (d) => gb(d.sizeGb) },
                { header: t("array.serial"), cell: (d) => <span className="font-mono text-xs">{d.serialNo}</span> },
                { header: t("array.raidGroup"), cell: (d) => d.raidGroup ?? t("array.unassigned") },
                { header: t("healthCol"), cell: (d) => health(d.health) },
                ...(drills ? [{ header: t("drill"), cell: (d: (typeof e.disks)[number]) => <DiskDrill disk={{ id: d.id, label: `${e.name}:${d.slot}`, health: d.health }} /> }] : []),
              ]}
            />
          </Card>
        ))}
      </div>
    </>
  );
}
