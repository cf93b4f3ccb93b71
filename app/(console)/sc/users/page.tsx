import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { isGlobalAdmin } from "@/lib/server/auth/org-scope";
import { flattenVdcTree, listUsers, managedProjects, vdcTree } from "@/lib/server/queries/organizations";
import { vdcLabel } from "@/lib/client/format";
import { grantableRoles } from "@/lib/cloud/identity";
import { formatTime } from "@/lib/client/format";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { PageHeader } from "@/components/ui/page-header";
import { SimpleTable } from "@/components/ui/simple-table";
import { Dot, Tag } from "@/components/ui/status-badge";
import { EmptyState } from "@/components/ui/empty-state";
import { ListToolbar } from "@/components/ui/list-toolbar";
import { CreateUserDialog } from "@/components/users/create-user-dialog";
import { UserRowActions } from "@/components/users/user-row-actions";
import { UserEditDialog } from "@/components/users/user-edit-dialog";
import { pageActor, searchParamsOf } from "../../page-guard";

export async function generateMetadata() {
  return { title: (await getTranslations("users"))("title") };
}

const params = z.object({ page: z.coerce.number().int().min(1).default(1), q: z.string().max(64).optional() });

export default async function UsersPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const actor = await pageActor("sc", "user:manage");
  const p = searchParamsOf(params, await searchParams);
  const [page, tree, projects, t, tn, tr] = await Promise.all([listUsers(actor, { page: p.page, pageSize: 50, q: p.q }), vdcTree(actor), managedProjects(actor), getTranslations("users"), getTranslations("nav"), getTranslations("roles")]);
  const global = isGlobalAdmin(actor);
  // The tree holds exactly the VDCs the caller administers (all of them for an operation admin).
  const vdcs = flattenVdcTree(tree).map((v) => ({ id: v.id, name: vdcLabel(v) }));
  const roles = grantableRoles(global);
  return (
    <>
      <Breadcrumbs items={[{ label: tn("sc.overview"), href: "/sc" }, { label: t("title") }]} />
      <PageHeader title={t("title")} description={t("description")} />
      <ListToolbar placeholder={t("search")}>
        <CreateUserDialog vdcs={vdcs} roles={roles} />
      </ListToolbar>
      <div className="rounded-sm border border-slate-200 bg-white">
        {page.rows.length ? (
          <SimpleTable
            rows={page.rows}
            rowKey={(u) => u.id}
            rowTestId={(u) => `user-row-${u.username}`}
            columns={[
              { header: t("fields.username"), cell: (u) => <div><div className="font-medium">{u.username}</div><div className="text-xs text-slate-500">{u.displayName}</div></div> },
              { header: t("fields.vdc"), cell: (u) => u.vdc ?? t("global") },
              { header: t("fields.role"), cell: (u) => <div className="flex flex-wrap gap-1">{u.roles.map((r) => <Tag key={r.id}>{`${tr(r.role)}${r.scope ? ` · ${r.scope}` : ""}`}</Tag>)}</div> },
              { header: t("state"), cell: (u) => (u.disabled ? <Dot tone="grey">{t("disabled")}</Dot> : u.locked ? <Dot tone="amber">{t("locked")}</Dot> : <Dot tone="green">{t("enabled")}</Dot>) },
              { header: t("lastLogin"), cell: (u) => <span className="text-xs">{formatTime(u.lastLoginAt)}</span> },
              {
                header: t("actions"),
                cell: (u) =>
                  u.id === actor.userId ? null : (
                    <div className="flex items-center">
                      <UserEditDialog user={u} roles={roles} vdcs={vdcs} projects={projects} />
                      <UserRowActions id={u.id} username={u.username} disabled={u.disabled} />
                    </div>
                  ),
              },
            ]}
          />
        ) : (
          <EmptyState title={t("empty")} />
        )}
        <div className="border-t border-slate-100 px-3 py-2 text-right text-xs text-slate-600">{t("total", { count: page.total })}</div>
      </div>
    </>
  );
}
