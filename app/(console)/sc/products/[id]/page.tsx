import { getTranslations } from "next-intl/server";
import { getAdminProduct } from "@/lib/server/queries/catalog-admin";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { Card, Field } from "@/components/ui/card";
import { SimpleTable } from "@/components/ui/simple-table";
import { Dot } from "@/components/ui/status-badge";
import { ProductDialog } from "@/components/catalog-admin/product-dialog";
import { OverrideEditor, PublishToggle, RemoveOverrideButton } from "@/components/catalog-admin/product-actions";
import { ProductIcon } from "@/components/catalog-admin/product-icon";
import { orNotFound, pageActor } from "../../../page-guard";
import { productChoices } from "../choices";

/** One product: its settings, and the approval process overrides per VDC. */
export default async function ProductPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await pageActor("sc", "catalog:view");
  // The auditor reads the product; every change control is for the catalog's manager only.
  const manage = actor.permissions.has("catalog:manage");
  const { id } = await params;
  const p = await orNotFound(() => getAdminProduct(actor, id));
  const [choices, t, tn] = await Promise.all([productChoices(actor), getTranslations("products"), getTranslations("nav")]);
  const vdcName = (v: string) => choices.vdcs.find((x) => x.id === v)?.name ?? v;
  return (
    <>
      <Breadcrumbs items={[{ label: tn("sc.overview"), href: "/sc" }, { label: tn("sc.products"), href: "/sc/products" }, { label: p.name }]} />
      <div className="space-y-4">
        <Card
          title={
            <span className="flex items-center gap-2">
              <ProductIcon icon={p.icon} />
              {p.name}
              <Dot tone={p.published ? "green" : "grey"}>{t(p.published ? "published" : "unpublished")}</Dot>
            </span>
          }
          actions={
            manage ? (
              <span className="flex">
                <ProductDialog product={p} choices={choices} />
                <PublishToggle id={p.id} name={p.name} published={p.published} />
              </span>
            ) : null
          }
        >
          <p className="mb-3 text-[13px] text-slate-600">{p.description}</p>
          <div className="grid grid-cols-1 gap-x-8 lg:grid-cols-2">
            <dl>
              <Field label={t("category")}>{`${t(`categories.${p.category}`)} · ${t(`serviceTypes.${p.serviceType}`)}`}</Field>
              <Field label={t("where")}>{p.azId ? t("azLocked", { az: p.azId }) : p.offeredAzIds.length ? p.offeredAzIds.join(", ") : p.regionId ? t("regionLocked", { region: p.regionId }) : t("anywhere")}</Field>
              <Field label={t("visibleTo")}>{p.visibleVdcIds.length ? p.visibleVdcIds.map(vdcName).join(", ") : t("allVdcs")}</Field>
            </dl>
            <dl>
              <Field label={t("approval")}>{p.needsApproval ? (p.process ?? "-") : t("noApproval")}</Field>
              <Field label={t("ordersCol")}>{p.orders}</Field>
            </dl>
          </div>
        </Card>
        <Card title={t("overrides.title")}>
          <p className="mb-3 text-xs text-slate-500">{t("overrides.hint")}</p>
          <SimpleTable
            rows={p.overrides}
            rowKey={(o) => o.vdcId}
            rowTestId={(o) => `override-${o.vdcId}`}
            empty={t("overrides.empty")}
            columns={[
              { header: t("overrides.vdc"), cell: (o) => o.vdc },
              { header: t("overrides.process"), cell: (o) => o.process },
              ...(manage ? [{ header: t("actions"), cell: (o: (typeof p.overrides)[number]) => <RemoveOverrideButton productId={p.id} vdcId={o.vdcId} vdc={o.vdc} /> }] : []),
            ]}
          />
          {manage ? (
            <div className="mt-4">
              <OverrideEditor productId={p.id} vdcs={choices.vdcs} processes={choices.overrideProcesses} />
            </div>
          ) : null}
        </Card>
      </div>
    </>
  );
}
