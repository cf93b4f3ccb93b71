"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import type { InstanceDetail } from "@/lib/server/queries/instances";
import { useInstanceDetail } from "@/lib/client/use-polling";
import { gib } from "@/lib/client/format";
import { Card, Field } from "@/components/ui/card";
import { Alert, EmptyState } from "@/components/ui/empty-state";
import { InstanceStatus } from "@/components/ui/status-badge";
import { Tabs } from "@/components/ui/tabs";
import { InstanceActions } from "./instance-actions";
import { GuestShutdownButton } from "./guest-shutdown-button";
import { ConsoleLog } from "./console-log";
import { MigrationBanner } from "./migration-banner";
import { NovaState } from "./nova-state";
import { Time } from "@/components/ui/time";
import { TaskFlow } from "@/components/ui/task-flow";
import { instanceTakesVolumes } from "@/lib/cloud/storage/volume-states";
import { InstanceDisks } from "./instance-disks";
import { instanceTakesInterfaces } from "@/lib/cloud/network/resources";
import type { InstanceInterfacesDto } from "@/lib/server/queries/network";
import { InstanceInterfaces } from "@/components/network/instance-interfaces";

export function InstanceDetailView({ initial, listHref, hostHrefBase, attachableVolumes = null, interfaces, manageNetwork = false }: { initial: InstanceDetail; listHref: string; hostHrefBase?: string; attachableVolumes?: { id: string; name: string; sizeGb: number; type: string }[] | null; interfaces: InstanceInterfacesDto; manageNetwork?: boolean }) {
  const t = useTranslations("ecs");
  const router = useRouter();
  const { data, refetch } = useInstanceDetail(initial);
  if (!data) return <EmptyState title={t("detail.gone")} action={<Link className="text-brand-600 hover:underline" href={listHref}>{t("detail.backToList")}</Link>} />;
  const i = data;
  return (
    <div className="space-y-4">
      <Card
        title={
          <span className="flex items-center gap-3">
            <span data-testid="instance-name">{i.name}</span>
            <InstanceStatus status={i.status} taskState={i.taskState} transitional={i.transitional} />
          </span>
        }
        actions={
          <>
            {hostHrefBase && !i.readOnly && i.vmState === "active" && i.taskState === null && i.powerState === "running" && !i.guestPowerState && !i.locked ? <GuestShutdownButton id={i.id} onDone={() => void refetch()} /> : null}
            {i.readOnly ? null : <InstanceActions operator={Boolean(hostHrefBase)} byOrder={i.changesByOrder} id={i.id} name={i.name} actions={i.actions} state={i} onDone={() => { void refetch(); router.refresh(); }} />}
          </>
        }
      >
        {i.guestPowerState ? (
          <div className="mb-3">
            <Alert tone="info">{t("detail.hypervisorSays", { state: i.guestPowerState })}</Alert>
          </div>
        ) : null}
        {i.migration ? (
          <div className="mb-3">
            <MigrationBanner migration={i.migration} id={i.id} canConfirm={i.actions.confirm_resize} canRevert={i.actions.revert_resize} onDone={() => { void refetch(); router.refresh(); }} />
          </div>
        ) : null}
        {i.hostDown ? (
          <div className="mb-3">
            <Alert>{t("detail.hostDown")}</Alert>
          </div>
        ) : null}
        {i.fault && i.vmState === "error" ? (
          <div className="mb-3">
            <Alert>
              {t("detail.fault", { message: i.fault.message ?? i.fault.code ?? "-" })}
              {i.fault.details ? <span className="mt-1 block font-mono text-[11px]" data-testid="fault-details">{i.fault.details}</span> : null}
            </Alert>
          </div>
        ) : null}
        <div className="grid grid-cols-1 gap-x-8 lg:grid-cols-2">
          <dl>
            <Field label={t("detail.id")}><span className="font-mono text-xs">{i.id}</span></Field>
            <Field label={t("columns.az")}>{i.az}</Field>
            <Field label={t("columns.flavor")}><span data-testid="flavor">{`${i.flavor} (${i.vcpus} vCPU, ${gib(i.memoryMb)}, ${i.volumeBacked ? t("detail.systemDiskVolume") : `${i.rootGb} GB`})`}</span></Field>
            <Field label={t("columns.image")}>{i.image}</Field>
            <Field label={t("detail.login")}>
              <span data-testid="login-method" title={i.keyFingerprint ?? undefined}>
                {i.loginMethod === "keypair" ? t("detail.loginKeyPair", { name: i.keyName ?? "-" }) : i.loginMethod === "password" ? t("detail.loginPassword") : t("detail.loginNone")}
              </span>
            </Field>
            <Field label={t("detail.privateIp")}><span className="font-mono" data-testid="private-ip">{i.ipAddress ?? "-"}</span></Field>
            <Field label={t("columns.project")}>{i.project}</Field>
            <Field label={t("detail.serverGroup")}>
              <span data-testid="server-group">{i.serverGroup ? `${i.serverGroup.name} (${t(`serverGroups.policy.${i.serverGroup.policy}`)})` : "-"}</span>
            </Field>
          </dl>
          <dl>
            <Field label={t("detail.vmState")}><NovaState kind="vm" value={i.vmState} testId="vm-state" /></Field>
            <Field label={t("detail.taskState")}><NovaState kind="task" value={i.taskState} testId="task-state" /></Field>
            <Field label={t("detail.powerState")}><NovaState kind="power" value={i.powerState} testId="power-state" /></Field>
            <Field label={t("detail.lock")}><span data-testid="lock-state">{i.locked ? t("detail.lockedBy", { user: i.lockedBy ?? "-" }) : t("detail.unlocked")}</span></Field>
            {i.hostId ? (
              <Field label={t("columns.host")}>
                {hostHrefBase ? <Link className="text-brand-600 hover:underline" href={`${hostHrefBase}/${i.hostId}`}>{i.host}</Link> : i.host}
              </Field>
            ) : null}
            {i.hostIdHash ? (
              <Field label={t("detail.hostIdHash")}>
                <span className="break-all font-mono text-[11px]" data-testid="host-id-hash" title={t("detail.hostIdHashHint")}>{i.hostIdHash}</span>
              </Field>
            ) : null}
            <Field label={t("columns.createdAt")}><Time at={i.createdAt} /></Field>
            <Field label={t("detail.launchedAt")}><Time at={i.launchedAt} /></Field>
          </dl>
        </div>
      </Card>
      <Tabs
        tabs={[
          {
            id: "network",
            label: t("detail.tabs.network", { count: interfaces.interfaces.length }),
            content: (
              <InstanceInterfaces
                instance={{ id: i.id, name: i.name, interfacesChangeable: !i.readOnly && instanceTakesInterfaces(i) }}
                data={interfaces}
                canManage={manageNetwork && !i.readOnly}
                onDone={() => {
                  void refetch();
                  router.refresh();
                }}
              />
            ),
          },
          {
            id: "disks",
            label: t("detail.tabs.disks", { count: i.disks.length }),
            content: (
              <InstanceDisks
                instance={i}
                disks={i.disks}
                attachable={attachableVolumes && !i.readOnly && instanceTakesVolumes(i) ? attachableVolumes : null}
                onDone={() => {
                  void refetch();
                  router.refresh();
                }}
              />
            ),
          },
          {
            id: "console",
            label: t("detail.consoleLog"),
            content: <ConsoleLog id={i.id} version={`${i.vmState}-${i.powerState}-${i.ipAddress ?? ""}`} />,
          },
          {
            id: "flow",
            label: t("detail.tabs.requestFlow"),
            content: <TaskFlow tasks={i.tasks} typeLabel={(type) => (t.has(`tasks.${type}`) ? t(`tasks.${type}`) : type)} />,
          },
        ]}
      />
    </div>
  );
}
