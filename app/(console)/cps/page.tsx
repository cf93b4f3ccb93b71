import { getTranslations } from "next-intl/server";
import { deploymentTopology } from "@/lib/server/queries/infrastructure";
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
  const [topo, t, tn] = await Promise.all([deploymentTopology(actor), getTranslations("cps"), getTranslations("nav")]);
  const tt = (k: string) => t(k);
  return (
    <>
      <Breadcrumbs items={[{ label: tn("cps.title") }, { label: tn("cps.topology") }]} />
      <PageHeader title={t("topologyTitle")} description={t("topologyDescription")} />
      <div className="space-y-4">
        <Card title={t("controllers")}>
          <p className="mb-3 text-xs text-slate-500">{t("controllersHint")}</p>
          <div className="grid grid-cols-1 gap-3 md:grid-cols-3">
            {topo.controllers.map((n) => (
              <NodeCard key={n.id} node={n} t={tt} />
            ))}
          </div>
        </Card>
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
