import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { grantableRoles } from "@/lib/cloud/identity";
import { vdcDetail, vdcTree } from "@/lib/server/queries/organizations";
import { isGlobalAdmin } from "@/lib/server/auth/org-scope";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { SimpleTable } from "@/components/ui/simple-table";
import { Dot, Tag } from "@/components/ui/status-badge";
import { Tabs } from "@/components/ui/tabs";
import { VdcTree } from "@/components/organizations/vdc-tree";
import { CreateVdcDialog } from "@/components/organizations/create-vdc-dialog";
import { QuotaTable } from "@/components/organizations/quota-table";
import { ResourceSetEditor } from "@/components/organizations/resource-set-editor";
import { VdcActions } from "@/components/organizations/vdc-actions";
import { CreateUserDialog } from "@/components/users/create-user-dialog";
import { orNotFound, pageActor } from "../../../page-guard";

export default async function VdcPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await pageActor("sc", "vdc:view");
  const { id } = await params;
  const vdc = await orNotFound(() => vdcDetail(actor, id));
  const [tree, t, tn, tr] = await Promise.all([vdcTree(actor), getTranslations("org"), getTranslations("nav"), getTranslations("roles")]);
  const region = vdc.regions[0];
  // Users created here belong to this VDC: the roles the caller may grant on a VDC.
  const grantable = grantableRoles(isGlobalAdmin(actor), "vdc");
  return (
    <>
      <Breadcrumbs items={[{ label: tn("sc.overview"), href: "/sc" }, { label: t("title"), href: "/sc/organizations" }, ...vdc.path.map((p) => ({ label: p.name, href: `/sc/organizations/${p.id}` }))]} />
      <div className="flex gap-4">
        <aside className="w-60 shrink-0 self-start rounded-sm border border-slate-200 bg-white p-3" aria-label={t("tree")}>
          <VdcTree nodes={tree} currentId={vdc.id} />
        </aside>
        <div className="min-w-0 flex-1 space-y-4">
          <Card
            title={
              <span className="flex items-center gap-2">
                <span data-testid="vdc-name">{vdc.name}</span>
                <Tag>{t("levelN", { level: vdc.level })}</Tag>
              </span>
            }
            actions={
              <>
                {vdc.can.createChild && region ? (
                  <CreateVdcDialog parent={{ id: vdc.id, name: vdc.name }} regionId={region.id} azs={region.azs.filter((a) => region.resourceSet?.includes(a.id))} parentLimits={Object.fromEntries(region.quotas.map((q) => [q.resource, q.limit]))} />
                ) : null}
                <VdcActions vdc={vdc} canEdit={vdc.can.edit} canDelete={vdc.can.delete} parentHref={vdc.parent ? `/sc/organizations/${vdc.parent.id}` : "/sc/organizations"} />
              </>
            }
          >
            <p className="text-[13px] text-slate-600">{vdc.description || t("noDescription")}</p>
            {vdc.parent ? (
              <p className="mt-1 text-xs text-slate-500">
                {t("parent")}: <Link className="text-brand-600 hover:underline" href={`/sc/organizations/${vdc.parent.id}`}>{vdc.parent.name}</Link>
              </p>
            ) : null}
          </Card>
          <Tabs
            tabs={[
              {
                id: "quotas",
                label: t("tabs.quotas"),
                content: region ? <QuotaTable vdcId={vdc.id} regionId={region.id} rows={region.quotas} canEdit={vdc.can.editLimits} /> : null,
              },
              {
                id: "resource-sets",
                label: t("tabs.resourceSets"),
                content: (
                  <div className="space-y-3">
                    <p className="text-xs text-slate-500">{t("resourceSetHint")}</p>
                    {vdc.regions.map((r) => (
                      <ResourceSetEditor key={r.id} vdcId={vdc.id} regionId={r.id} regionName={r.name} azs={r.azs} current={r.resourceSet} canEdit={vdc.can.editLimits} />
                    ))}
                  </div>
                ),
              },
              {
                id: "children",
                label: t("tabs.children", { count: vdc.children.length }),
                content: vdc.children.length ? (
                  <SimpleTable
                    rows={vdc.children}
                    rowKey={(c) => c.id}
                    columns={[
                      { header: t("name"), cell: (c) => <Link className="text-brand-600 hover:underline" href={`/sc/organizations/${c.id}`}>{c.name}</Link> },
                      { header: t("projects"), cell: (c) => c.projects, className: "tabular-nums" },
                      { header: t("users"), cell: (c) => c.users, className: "tabular-nums" },
                    ]}
                  />
                ) : (
                  <EmptyState title={t("noChildren")} />
                ),
              },
              {
                id: "projects",
                label: t("tabs.projects", { count: vdc.projects.length }),
                content: (
                  <SimpleTable
                    rows={vdc.projects}
                    rowKey={(p) => p.id}
                    columns={[
                      { header: t("name"), cell: (p) => p.name, className: "font-medium" },
                      { header: t("instances"), cell: (p) => p.instances, className: "tabular-nums" },
                    ]}
                  />
                ),
              },
              {
                id: "users",
                label: t("tabs.users", { count: vdc.users.length }),
                content: (
                  <div className="space-y-3">
                    {vdc.can.manageUsers ? <CreateUserDialog vdcs={[{ id: vdc.id, name: vdc.name }]} roles={grantable} fixedVdcId={vdc.id} /> : null}
                    {vdc.users.length ? (
                      <SimpleTable
                        rows={vdc.users}
                        rowKey={(u) => u.id}
                        rowTestId={(u) => `vdc-user-${u.username}`}
                        columns={[
                          { header: t("username"), cell: (u) => u.username, className: "font-medium" },
                          { header: t("displayName"), cell: (u) => u.displayName },
                          { header: t("roles"), cell: (u) => <div className="flex gap-1">{u.roles.map((r) => <Tag key={r}>{tr(r)}</Tag>)}</div> },
                          { header: t("state"), cell: (u) => <Dot tone={u.disabled ? "grey" : "green"}>{t(u.disabled ? "disabled" : "enabled")}</Dot> },
                        ]}
                      />
                    ) : (
                      <EmptyState title={t("noUsers")} />
                    )}
                  </div>
                ),
              },
            ]}
          />
        </div>
      </div>
    </>
  );
}
