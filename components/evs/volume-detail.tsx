"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import type { AttachableInstance, VolumeDetail } from "@/lib/server/queries/volumes";
import { useVolumeDetail } from "@/lib/client/use-polling";
import { Card, Field } from "@/components/ui/card";
import { Alert, EmptyState } from "@/components/ui/empty-state";
import { SimpleTable } from "@/components/ui/simple-table";
import { Tag } from "@/components/ui/status-badge";
import { Tabs } from "@/components/ui/tabs";
import { TaskFlow } from "@/components/ui/task-flow";
import { Time } from "@/components/ui/time";
import { AttachDialog, DeleteSnapshotButton, DetachButton, ExtendDialog, VolumeFromSnapshotDialog } from "./volume-actions";
import { DeleteVolumeButton, SnapshotDialog, VolumeStatus } from "./volumes";

/** An EVS volume: its figures, attachments, snapshots and request flow, and what the caller may do with it now. */
export function VolumeDetailView({ initial, attachable, poolHrefBase }: { initial: VolumeDetail; attachable: AttachableInstance[]; poolHrefBase?: string }) {
  const t = useTranslations("evs");
  const router = useRouter();
  const { data, refetch } = useVolumeDetail(initial);
  if (!data) return <EmptyState title={t("detail.gone")} action={<Link className="text-brand-600 hover:underline" href="/sc/evs">{t("detail.backToList")}</Link>} />;
  const v = data;
  const refresh = () => {
    void refetch();
    router.refresh();
  };
  return (
    <div className="space-y-4">
      <Card
        title={
          <span className="flex items-center gap-3">
            <span data-testid="volume-name">{v.name}</span>
            <span data-testid="volume-status">
              <VolumeStatus status={v.status} transitional={v.transitional} />
            </span>
          </span>
        }
        actions={
          <span className="flex items-center gap-2">
            {v.can.attach ? <AttachDialog volume={v} instances={attachable} onDone={refresh} /> : null}
            {v.can.extend ? <ExtendDialog volume={v} onDone={refresh} /> : null}
            {v.can.snapshot ? <SnapshotDialog volume={v} onDone={refresh} look="button" /> : null}
            {v.can.delete ? <DeleteVolumeButton volume={v} onDone={refresh} /> : null}
          </span>
        }
      >
        {v.fault && v.status.startsWith("error") ? (
          <div className="mb-3">
            <Alert>{t("detail.fault", { message: v.fault.message ?? v.fault.code ?? "-" })}</Alert>
          </div>
        ) : null}
        <div className="grid grid-cols-1 gap-x-8 lg:grid-cols-2">
          <dl>
            <Field label={t("detail.id")}><span className="font-mono text-xs">{v.id}</span></Field>
            <Field label={t("columns.size")}>
              <span className="flex items-center gap-1 tabular-nums" data-testid="volume-size">
                {`${v.sizeGb} GB`} <Tag>{t(v.thin ? "thin" : "thick")}</Tag>
              </span>
            </Field>
            <Field label={t("detail.written")}><span className="tabular-nums">{`${v.writtenGb} GB`}</span></Field>
            <Field label={t("columns.type")}>{v.type}</Field>
            <Field label={t("detail.qos")}>{t("qos", { iops: v.qos.iops ?? "-", mbps: v.qos.mbps ?? "-" })}</Field>
            <Field label={t("columns.az")}>{v.az}</Field>
          </dl>
          <dl>
            <Field label={t("detail.bootable")}>{v.bootable ? t("detail.yes") : t("detail.no")}</Field>
            <Field label={t("detail.source")}>
              <span data-testid="volume-source">{v.source ? t(`detail.sourceKind.${v.source.kind}`, { name: v.source.name }) : t("detail.sourceBlank")}</span>
            </Field>
            <Field label={t("detail.project")}>{v.project}</Field>
            {v.pool !== null ? (
              <Field label={t("detail.pool")}>
                {poolHrefBase ? <Link className="text-brand-600 hover:underline" href={`${poolHrefBase}/${v.pool}`}>{v.pool}</Link> : v.pool}
              </Field>
            ) : null}
            <Field label={t("columns.createdAt")}><Time at={v.createdAt} /></Field>
            {v.description ? <Field label={t("detail.description")}>{v.description}</Field> : null}
          </dl>
        </div>
      </Card>
      <Tabs
        tabs={[
          {
            id: "attachments",
            label: t("detail.tabs.attachments"),
            content: (
              <SimpleTable
                rows={v.attachments}
                rowKey={(a) => a.instanceId}
                rowTestId={(a) => `attachment-${a.instance}`}
                empty={<EmptyState title={t("detail.noAttachments")} />}
                columns={[
                  { header: t("detail.instance"), cell: (a) => <Link className="text-brand-600 hover:underline" href={`/sc/ecs/${a.instanceId}`}>{a.instance}</Link> },
                  { header: t("detail.device"), cell: (a) => <span className="font-mono">{a.device}</span> },
                  { header: t("columns.status"), cell: (a) => t.has(`attachmentStatus.${a.status}`) ? t(`attachmentStatus.${a.status}`) : a.status },
                  { header: t("columns.actions"), cell: (a) => (v.can.detach && a.status === "attached" ? <DetachButton volume={v} instance={a.instance} onDone={refresh} /> : null) },
                ]}
              />
            ),
          },
          {
            id: "snapshots",
            label: t("detail.tabs.snapshots", { count: v.snapshotList.length }),
            content: (
              <SimpleTable
                rows={v.snapshotList}
                rowKey={(s) => s.id}
                rowTestId={(s) => `snapshot-row-${s.name}`}
                empty={<EmptyState title={t("detail.noSnapshots")} />}
                columns={[
                  { header: t("columns.name"), cell: (s) => s.name },
                  { header: t("columns.size"), cell: (s) => `${s.sizeGb} GB` },
                  { header: t("columns.status"), cell: (s) => (t.has(`snapshotStatus.${s.status}`) ? t(`snapshotStatus.${s.status}`) : s.status) },
                  { header: t("columns.createdAt"), cell: (s) => <Time at={s.createdAt} relative /> },
                  {
                    header: t("columns.actions"),
                    cell: (s) => (
                      <span className="flex gap-1">
                        {s.can.createVolume ? <VolumeFromSnapshotDialog snapshot={s} onDone={refresh} /> : null}
                        {s.can.delete ? <DeleteSnapshotButton snapshot={s} onDone={refresh} /> : null}
                      </span>
                    ),
                  },
                ]}
              />
            ),
          },
          { id: "flow", label: t("detail.tabs.requestFlow"), content: <TaskFlow tasks={v.tasks} typeLabel={(type) => (t.has(`tasks.${type}`) ? t(`tasks.${type}`) : type)} /> },
        ]}
      />
    </div>
  );
}
