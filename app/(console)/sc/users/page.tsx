import { getTranslations } from "next-intl/server";
import { isGlobalAdmin } from "@/lib/server/auth/org-scope";
import { flattenVdcTree, listUsers, managedProjects, vdcTree } from "@/lib/server/queries/organizations";
import { userListParams } from "@/lib/schemas/organizations";
import { vdcLabel } from "@/lib/client/format";
import { grantableRoles, ROLES } from "@/lib/cloud/identity";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { PageHeader } from "@/components/ui/page-header";
import { ListToolbar } from "@/components/ui/list-toolbar";
import { CreateUserDialog } from "@/components/users/create-user-dialog";
import { UserTable } from "@/components/users/user-table";
import { pageActor, searchParamsOf } from "../../page-guard";

export async function generateMetadata() {
  return { title: (await getTranslations("users"))("title") };
}

export default async function UsersPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const actor = await pageActor("sc", "user:view");
  const p = searchParamsOf(userListParams, await searchParams);
  const canManage = actor.permissions.has("user:manage");
  const [page, tree, projects, t, tn, tr] = await Promise.all([
    listUsers(actor, p),
    vdcTree(actor),
    canManage ? managedProjects(actor) : Promise.resolve([]),
    getTranslations("users"),
    getTranslations("nav"),
    getTranslations("roles"),
  ]);
  // The tree holds the VDCs the caller administers (all of them for the operation admin and the auditor).
  const vdcs = flattenVdcTree(tree).map((v) => ({ id: v.id, name: vdcLabel(v) }));
  const roles = grantableRoles(isGlobalAdmin(actor));
  const filtered = Boolean(p.q || p.state || p.role || p.vdc);
  return (
    <>
      <Breadcrumbs items={[{ label: tn("sc.overview"), href: "/sc" }, { label: t("title") }]} />
      <PageHeader title={t("title")} description={canManage ? t("description") : t("descriptionReadOnly")} />
      <ListToolbar
        placeholder={t("search")}
        exportHref="/api/v1/export/users"
        filters={[
          { key: "state", label: t("state"), options: (["enabled", "locked", "disabled"] as const).map((s) => ({ value: s, label: t(s) })) },
          { key: "role", label: t("fields.role"), options: ROLES.map((r) => ({ value: r, label: tr(r) })) },
          { key: "vdc", label: t("fields.vdc"), options: vdcs.map((v) => ({ value: v.id, label: v.name })) },
        ]}
      >
        {canManage ? <CreateUserDialog vdcs={vdcs} roles={roles} /> : null}
      </ListToolbar>
      <UserTable rows={page.rows} page={page} filtered={filtered} manage={canManage ? { selfId: actor.userId, roles, vdcs, projects } : null} />
    </>
  );
}
