import { getTranslations } from "next-intl/server";
import { deploymentTopology } from "@/lib/server/queries/infrastructure";
import { controlPlaneView, settingsHistory } from "@/lib/server/queries/control-plane";
import { ControllerCard } from "@/components/operations/control-plane";
import { SimpleTable } from "@/components/ui/simple-table";
import { Time } from "@/components/ui/time";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { PageHeader } from "@/components/ui/page-header";
import { Card } from "@/components/ui/card";
import { Dot, Tag } from "@/components/ui/status-badge";
import { pageActor } from "../page-guard";

export async function generateMetadata() {
  return { title: (await getTranslations("nav"))("cps.topology") };
}

function NodeCard({ node, t }: { node: { name: string; ip: string; haRole: string; healthy: boolean; services: string; model: string }; t: (k: string) => string }) {
  return (
    <div className="rounded-sm border border-slate-200 p-3" data-testid={`node-${node.name}`}>
      <div className="flex items-center justify-between">
        <span className="font-medium">{node.name}</span>
        <span className={node.haRole === "active" ? "rounded-sm bg-green-100 px-1.5 text-xs text-green-700" : "rounded-sm bg-slate-100 px-1.5 text-xs text-slate-600"}>{t(`ha.${node.haRole}`)}</span>
      </div>
      <div className="mt-1 font-mono text-xs text-slate-500">{node.ip}</div>
      <div className="mt-1 text-xs text-slate-500">{node.model}</div>
      <div className="mt-1"><Dot tone={node.healthy ? "green" : "red"}>{t(node.healthy ? "healthy" : "faulty")}</Dot></div>
      <div className="mt-2 flex flex-wrap gap-1">
        {node.services.split(",").map((s) => (
          <Tag key={s}>{s}</Tag>
        ))}
      </div>
    </div>
  );
}

export default async function CpsTopologyPage() {
  const actor = await pageActor("cps", "deploy:view");
  const showHistory = actor.permissions.has("settings:view");
  const [topo, cp, history, t, ts, tn] = await Promise.all([deploymentTopology(actor), controlPlaneView(actor), showHistory ? settingsHistory(actor) : Promise.resolve(null), getTranslations("cps"), getTranslations("cps.settings.fields"), getTranslations("nav")]);
  const tt = (k: string) => t(k);
  return (
    <>
      <Breadcrumbs items={[{ label: tn("cps.title") }, { label: tn("cps.topology") }]} />
      <PageHeader title={t("topologyTitle")} description={t("topologyDescription")} />
      <div className="space-y-4">
        <Card title={t("controllers")}>
          <p className="mb-3 text-xs text-slate-500">{t("controllersHint")}</p>
          <p className="mb-3 text-sm" data-testid="cps-leader">
            {cp.leader ? t("leaderIs", { name: cp.leader }) : <span className="font-medium text-red-600">{t("noLeader")}</span>}
          </p>
          <div className="grid grid-cols-1 gap-3 md:grid-cols-3">
            {cp.controllers.map((n) => (
              <ControllerCard key={n.id} node={n} canDrill={cp.canDrill} />
            ))}
          </div>
        </Card>
        <Card title={t("events")}>
          <SimpleTable
            rows={cp.events}
            rowKey={(e) => e.id}
            rowTestId={(e) => `cps-event-${e.kind}`}
            empty={<p className="text-sm text-slate-500">{t("noEvents")}</p>}
            columns={[
              { header: t("eventAt"), cell: (e) => <Time at={e.at} /> },
              { header: t("eventKind"), cell: (e) => t(`eventKinds.${e.kind}`, { node: e.node ?? "-", seconds: e.downMs === null ? "-" : (e.downMs / 1000).toFixed(1) }) },
              { header: t("eventBy"), cell: (e) => e.actor ?? t("bySystem") },
            ]}
          />
        </Card>
        {history ? (
          <Card title={t("settingsHistory")}>
            <SimpleTable
              rows={history}
              rowKey={(h) => String(h.seq)}
              empty={<p className="text-sm text-slate-500">{t("noSettingsHistory")}</p>}
              columns={[
                { header: t("eventAt"), cell: (h) => <Time at={h.at} /> },
                { header: t("eventBy"), cell: (h) => h.by },
                { header: t("changes"), cell: (h) => (h.changes.length === 0 ? t("noChange") : h.changes.map((c) => `${ts.has(c.setting) ? ts(c.setting) : c.setting}: ${c.before ?? "-"} → ${c.after ?? "-"}`).join("; ")) },
              ]}
            />
          </Card>
        ) : null}
        <Card title={t("networkNodes")}>
          <div className="grid grid-cols-1 gap-3 md:grid-cols-3">
            {topo.networkNodes.map((n) => (
              <NodeCard key={n.id} node={n} t={tt} />
            ))}
          </div>
        </Card>
        <Card title={t("computeNodes")}>
          <div className="grid grid-cols-1 gap-3 md:grid-cols-2">
            {topo.compute.map((c) => (
              <div key={c.az} className="rounded-sm border border-slate-200 p-3">
                <div className="font-medium">{c.az}</div>
                <ul className="mt-1 text-xs text-slate-600">
                  {c.byArch.map((a) => (
                    <li key={a.architecture}>{t("computeCount", { count: a.count, arch: a.architecture })}</li>
                  ))}
                </ul>
              </div>
            ))}
          </div>
        </Card>
      </div>
    </>
  );
}
