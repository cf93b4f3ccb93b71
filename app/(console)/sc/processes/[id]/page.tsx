import { getLocale, getTranslations } from "next-intl/server";
import { seedText } from "@/lib/cloud/seed/names-zh";
import { approverChoices, getProcess, productNames } from "@/lib/server/queries/catalog-admin";
import { flattenVdcTree, vdcTree, type VdcNodeDto } from "@/lib/server/queries/organizations";
import { describeApprover } from "@/lib/client/approvers";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { Card, Field } from "@/components/ui/card";
import { SimpleTable } from "@/components/ui/simple-table";
import { Dot } from "@/components/ui/status-badge";
import { ProcessEditor } from "@/components/catalog-admin/process-editor";
import { DeleteProcessButton } from "@/components/catalog-admin/process-dialogs";
import { OverrideEditor, RemoveOverrideButton } from "@/components/catalog-admin/product-actions";
import { orNotFound, pageActor } from "../../../page-guard";
import { Time } from "@/components/ui/time";

/** One process: its newest version in the level editor, and every version with the orders that ran it. */
export default async function ProcessPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await pageActor("sc", "process:view");
  const { id } = await params;
  const p = await orNotFound(() => getProcess(actor, id));
  // The auditor reads it all and changes nothing (a VDC admin still binds a global process as an override).
  const manage = actor.permissions.has("process:manage");
  const locale = await getLocale();
  const [choices, products, tree, t, tn, ts, tr, to] = await Promise.all([approverChoices(actor), manage ? productNames(actor) : Promise.resolve([]), vdcTree(actor), getTranslations("processes"), getTranslations("nav"), getTranslations("orders.spec"), getTranslations("roles"), getTranslations("orders")]);
  const userName = (u: string) => choices.users.find((x) => x.id === u)?.username ?? u;
  // Where it may apply: a global process anywhere the caller manages, a VDC's process in that VDC's subtree.
  const within = (nodes: VdcNodeDto[]): VdcNodeDto[] => nodes.flatMap((n) => (n.id === p.owner?.id ? [n] : within(n.children)));
  const vdcs = flattenVdcTree(p.owner ? within(tree) : tree);
  const unused = p.boundBy.length === 0 && p.versions.every((v) => v.orders === 0);
  return (
    <>
      <Breadcrumbs items={[{ label: tn("sc.overview"), href: "/sc" }, { label: tn("sc.processes"), href: "/sc/processes" }, { label: p.name }]} />
      <div className="space-y-4">
        <Card title={seedText(p.name, locale)} actions={p.editable && unused ? <DeleteProcessButton id={p.id} name={p.name} /> : null}>
          <dl className="grid grid-cols-1 gap-x-8 lg:grid-cols-2">
            <Field label={t("owner")}>{p.owner?.name ?? t("global")}</Field>
            <Field label={t("version")}>
              <span data-testid="process-version">
                {p.publishedVersion ? t("publishedVersion", { v: p.publishedVersion }) : t("neverPublished")}
                {p.draft ? ` · ${t("draftVersion", { v: p.latest.version })}` : ""}
              </span>
            </Field>
            <Field label={t("boundBy")}>{p.boundBy.length ? p.boundBy.join(", ") : "-"}</Field>
          </dl>
        </Card>
        <Card title={p.draft ? t("editDraft", { v: p.latest.version }) : t("editPublished", { v: p.latest.version })}>
          <p className="mb-3 text-xs text-slate-500">{p.draft ? t("draftHint") : t("publishedHint", { next: p.latest.version + 1 })}</p>
          <ProcessEditor key={`${p.latest.version}-${p.draft}`} id={p.id} name={p.name} description={p.description} levels={p.latest.levels} draft={p.draft} editable={p.editable} choices={choices} />
        </Card>
        <Card title={t("bindings")}>
          <p className="mb-3 text-xs text-slate-500">{t("bindingsHint")}</p>
          <SimpleTable
            rows={p.overrides}
            rowKey={(o) => `${o.productId}/${o.vdcId}`}
            rowTestId={(o) => `binding-${o.productId}-${o.vdcId}`}
            empty={t("bindingsEmpty")}
            columns={[
              { header: t("product"), cell: (o) => o.product },
              { header: t("vdc"), cell: (o) => o.vdc },
              ...(manage ? [{ header: t("actions"), cell: (o: (typeof p.overrides)[number]) => <RemoveOverrideButton productId={o.productId} vdcId={o.vdcId} vdc={o.vdc} /> }] : []),
            ]}
          />
          {p.publishedVersion && manage ? (
            <div className="mt-4">
              <OverrideEditor processId={p.id} products={products} vdcs={vdcs} />
            </div>
          ) : null}
        </Card>
        <Card title={t("versions")}>
          <SimpleTable
            rows={p.versions}
            rowKey={(v) => String(v.version)}
            rowTestId={(v) => `version-${v.version}`}
            columns={[
              { header: t("version"), cell: (v) => `v${v.version}` },
              { header: t("status"), cell: (v) => <Dot tone={v.published ? "green" : "amber"}>{v.published ? t("published") : t("draft")}</Dot> },
              { header: t("publishedAt"), cell: (v) => <Time at={v.publishedAt} /> },
              { header: t("author"), cell: (v) => v.createdBy ?? "-" },
              {
                header: t("levels"),
                cell: (v) => (
                  <ol className="list-decimal pl-4">
                    {v.levels.map((l, i) => (
                      <li key={i}>
                        {`${l.name} (${to(`mode.${l.mode}`)}${l.timeoutSeconds ? `, ${t("timeoutShort", { minutes: Math.round(l.timeoutSeconds / 60), decision: t(`decision.${l.onTimeout}`) })}` : ""}): `}
                        {l.approvers.map((a) => describeApprover(a, ts, tr, userName)).join("; ")}
                      </li>
                    ))}
                  </ol>
                ),
              },
              { header: t("ordersCol"), cell: (v) => v.orders, className: "tabular-nums" },
            ]}
          />
        </Card>
      </div>
    </>
  );
}
