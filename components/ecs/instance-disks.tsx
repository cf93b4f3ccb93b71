"use client";
import Link from "next/link";
import { useTranslations } from "next-intl";
import type { InstanceDisk } from "@/lib/server/queries/instances";
import { EmptyState } from "@/components/ui/empty-state";
import { SimpleTable } from "@/components/ui/simple-table";
import { Tag } from "@/components/ui/status-badge";
import { AttachVolumeToInstanceDialog, DetachButton } from "@/components/evs/volume-actions";
import { VolumeStatus } from "@/components/evs/volumes";

/** The ECS detail's Disks tab: its EVS volumes by device, detach, and attach one of the project's available volumes in its AZ. */
export function InstanceDisks({ instance, disks, attachable, onDone }: { instance: { id: string; name: string }; disks: InstanceDisk[]; attachable: { id: string; name: string; sizeGb: number; type: string }[] | null; onDone: () => void }) {
  const t = useTranslations("evs");
  return (
    <div className="space-y-3">
      {attachable ? (
        <div className="flex justify-end">
          <AttachVolumeToInstanceDialog instance={instance} volumes={attachable} onDone={onDone} />
        </div>
      ) : null}
      <SimpleTable
        rows={disks}
        rowKey={(d) => d.volumeId}
        rowTestId={(d) => `disk-${d.name}`}
        empty={<EmptyState title={t("disks.none")} hint={t("disks.noneHint")} />}
        columns={[
          { header: t("detail.device"), cell: (d) => <span className="font-mono">{d.device}</span> },
          {
            header: t("columns.name"),
            cell: (d) => (
              <span className="flex items-center gap-1">
                <Link className="text-brand-600 hover:underline" href={`/sc/evs/${d.volumeId}`}>{d.name}</Link>
                {d.device === "/dev/vda" ? <Tag>{t("disks.system")}</Tag> : null}
                {d.deleteOnTermination ? <Tag>{t("disks.deleteWithInstance")}</Tag> : null}
              </span>
            ),
          },
          { header: t("columns.size"), cell: (d) => `${d.sizeGb} GB` },
          { header: t("columns.type"), cell: (d) => d.type },
          { header: t("columns.status"), cell: (d) => <VolumeStatus status={d.status} transitional={d.transitional} /> },
          { header: t("columns.actions"), cell: (d) => (d.canDetach ? <DetachButton volume={{ id: d.volumeId, name: d.name }} instance={instance.name} onDone={onDone} /> : null) },
        ]}
      />
    </div>
  );
}
