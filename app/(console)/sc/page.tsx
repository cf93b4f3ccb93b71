import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { seedText } from "@/lib/cloud/seed/names-zh";
import { Plus } from "lucide-react";
import { inboxListParams, orderListParams } from "@/lib/schemas/orders";
import { instanceCounts } from "@/lib/server/queries/instances";
import { recentOperations, vdcUsage } from "@/lib/server/queries/home";
import { listInbox, listOrders } from "@/lib/server/queries/orders";
import { launchQuota } from "@/lib/server/queries/organizations";
import { listRegions } from "@/lib/server/queries/catalog";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { PageHeader } from "@/components/ui/page-header";
import { Card, Stat } from "@/components/ui/card";
import { CapacityBar } from "@/components/ui/capacity-bar";
import { EmptyState } from "@/components/ui/empty-state";
import { buttonClass } from "@/components/ui/button";
import { Time } from "@/components/ui/time";
import { OrderStatus } from "@/components/orders/order-status";
import { pageActor } from "../page-guard";

export async function generateMetadata() {
  return { title: (await getTranslations("nav"))("sc.overview") };
}

/**
 * The SC home, by what the reader does: a tenant's project (its ECSs, quota, recent orders and
 * operations), an approver's waiting orders, an administrator's VDC tree and its use.
 */
export default async function ScOverview() {
  const actor = await pageActor("sc", "portal:sc");
  const can = (p: Parameters<typeof actor.permissions.has>[0]) => actor.permissions.has(p);
  const region = (await listRegions()).find((r) => r.isDefault);
  const [t, tn, tq, to, ts, counts, quota, orders, pending, operations, usage] = await Promise.all([
    getTranslations("sc"),
    getTranslations("nav"),
    getTranslations("quota.resources"),
    getTranslations("orders"),
    getTranslations("ecs"),
    can("ecs:view") ? instanceCounts(actor) : Promise.resolve(null),
    can("ecs:create") && region && actor.defaultProjectId ? launchQuota(actor, region.id) : Promise.resolve(null),
    can("ecs:create") ? listOrders(actor, orderListParams.parse({ scope: "mine", pageSize: "5" })) : Promise.resolve(null),
    can("order:approve") ? listInbox(actor, inboxListParams.parse({ tab: "pending", pageSize: "5" })) : Promise.resolve(null),
    can("ecs:view") && actor.defaultProjectId ? recentOperations(actor) : Promise.resolve(null),
    can("vdc:manage") ? vdcUsage(actor) : Promise.resolve(null),
  ]);
  const total = counts ? Object.values(counts).reduce((a, b) => a + b, 0) : 0;
  const unit = (r: string, n: number) => (r === "ram_gb" ? `${n} GB` : String(n));
  const locale = await getLocale();
  const seed = (s: string) => seedText(s, locale);
  return (
    <>
      <Breadcrumbs items={[{ label: tn("sc.overview") }]} />
      <PageHeader
        title={t("title", { name: actor.displayName })}
        description={usage ? t("descriptionAdmin") : t("description")}
        actions={
          can("ecs:create") && actor.defaultProjectId ? (
            <Link href="/sc/ecs/create" className={buttonClass({ variant: "primary" })}>
              <Plus className="h-4 w-4" /> {t("ecs.buy")}
            </Link>
          ) : null
        }
      />
      {counts && actor.defaultProjectId ? (
        <div className="mb-4 grid grid-cols-2 gap-3 lg:grid-cols-5" data-testid="home-instances">
          <Stat label={t("stats.total")} value={total} />
          <Stat label={t("stats.active")} value={counts.active ?? 0} />
          <Stat label={t("stats.stopped")} value={counts.stopped ?? 0} />
          <Stat label={t("stats.building")} value={counts.building ?? 0} />
          <Stat label={t("stats.error")} value={counts.error ?? 0} />
        </div>
      ) : null}
      <div className="grid grid-cols-1 gap-4 xl:grid-cols-2">
        {usage ? (
          <Card title={t("vdcUsage", { region: seed(region?.name ?? "-") })} className="xl:col-span-2">
            {usage.length === 0 ? (
              <EmptyState title={t("noVdcs")} />
            ) : (
              <div className="grid grid-cols-1 gap-3 md:grid-cols-2 xl:grid-cols-3" data-testid="home-vdc-usage">
                {usage.map((v) => (
                  <Link key={v.id} href={`/sc/organizations/${v.id}`} className="rounded-sm border border-slate-200 p-3 hover:border-brand-500">
                    <div className="mb-1 font-medium">{`${"· ".repeat(Math.max(0, v.level - 1))}${v.name}`}</div>
                    {v.usage.map((u) => (
                      <CapacityBar key={u.resource} className="mt-1" label={tq(u.resource)} used={u.used} total={u.limit < 0 ? Math.max(u.used, 1) : u.limit} detail={u.limit < 0 ? t("unlimited", { used: unit(u.resource, u.used) }) : `${unit(u.resource, u.used)} / ${unit(u.resource, u.limit)}`} />
                    ))}
                  </Link>
                ))}
              </div>
            )}
          </Card>
        ) : null}
        {quota ? (
          <Card title={t("quota", { vdc: quota.vdc })}>
            <div data-testid="home-quota">
              {quota.rows.map((r) => (
                <CapacityBar key={r.resource} className="mb-2" label={tq(r.resource)} used={r.used} total={r.limit < 0 ? Math.max(r.used, 1) : r.limit} detail={r.limit < 0 ? t("unlimited", { used: unit(r.resource, r.used) }) : `${unit(r.resource, r.used)} / ${unit(r.resource, r.limit)}`} />
              ))}
            </div>
          </Card>
        ) : null}
        {pending ? (
          <Card title={t("pending", { count: pending.total })} actions={<Link href="/sc/approvals" className="text-xs text-brand-600 hover:underline">{t("viewAll")}</Link>}>
            {pending.rows.length === 0 ? (
              <EmptyState title={to("emptyPending")} />
            ) : (
              <ul className="divide-y divide-slate-100 text-[13px]" data-testid="home-pending">
                {pending.rows.map((o) => (
                  <li key={o.id} className="flex items-center justify-between gap-2 py-2">
                    <Link href={`/sc/orders/${o.id}?from=approvals`} className="font-mono text-xs text-brand-600 hover:underline">{o.orderNo}</Link>
                    <span className="min-w-0 flex-1 truncate text-xs text-slate-600">{`${o.applicant} · ${seed(o.product)}`}</span>
                    <Time at={o.createdAt} relative />
                  </li>
                ))}
              </ul>
            )}
          </Card>
        ) : null}
        {orders ? (
          <Card title={t("recentOrders")} actions={<Link href="/sc/orders" className="text-xs text-brand-600 hover:underline">{t("viewAll")}</Link>}>
            {orders.rows.length === 0 ? (
              <EmptyState title={to("emptyMine")} />
            ) : (
              <ul className="divide-y divide-slate-100 text-[13px]" data-testid="home-orders">
                {orders.rows.map((o) => (
                  <li key={o.id} className="flex items-center justify-between gap-2 py-2">
                    <Link href={`/sc/orders/${o.id}`} className="font-mono text-xs text-brand-600 hover:underline">{o.orderNo}</Link>
                    <span className="min-w-0 flex-1 truncate text-xs text-slate-600">{seed(o.product)}</span>
                    <OrderStatus status={o.status} />
                    <Time at={o.createdAt} relative />
                  </li>
                ))}
              </ul>
            )}
          </Card>
        ) : null}
        {operations ? (
          <Card title={t("recentOperations")}>
            {operations.length === 0 ? (
              <EmptyState title={t("noOperations")} />
            ) : (
              <ul className="divide-y divide-slate-100 text-[13px]" data-testid="home-operations">
                {operations.map((op) => (
                  <li key={op.id} className="flex items-center justify-between gap-2 py-2">
                    <Link href={`/sc/ecs/${op.instanceId}`} className="text-brand-600 hover:underline">{op.instance}</Link>
                    <span className="min-w-0 flex-1 truncate text-xs text-slate-600">{ts.has(`tasks.${op.type}`) ? ts(`tasks.${op.type}`) : op.type}</span>
                    <span className="text-xs text-slate-500">{ts(`taskStatus.${op.status}`)}</span>
                    <Time at={op.at} relative />
                  </li>
                ))}
              </ul>
            )}
          </Card>
        ) : null}
      </div>
    </>
  );
}
