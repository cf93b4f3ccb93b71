import { getTranslations } from "next-intl/server";
import { getHost } from "@/lib/server/queries/hosts";
import { gib } from "@/lib/client/format";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { Card, Field } from "@/components/ui/card";
import { CapacityBar } from "@/components/ui/capacity-bar";
import { HostEnableToggle } from "@/components/hosts/host-enable-toggle";
import { ComputeServiceToggle } from "@/components/hosts/compute-service-toggle";
import { HostAllocationDialog } from "@/components/hosts/host-allocation-dialog";
import { EvacuateHostButton } from "@/components/hosts/evacuate-host-button";
import { HostState } from "@/components/hosts/host-table";
import { InstanceTable } from "@/components/ecs/instance-table";
import { orNotFound, pageActor } from "../../../page-guard";
import { Time } from "@/components/ui/time";
import { MetricCard } from "../../../metric-card";

export default async function HostDetailPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string>> }) {
  const actor = await pageActor("service-om", "host:view");
  const { id } = await params;
  const host = await orNotFound(() => getHost(actor, id));
  const [t, tn, { range }] = await Promise.all([getTranslations("hosts"), getTranslations("nav"), searchParams]);
  return (
    <>
      <Breadcrumbs items={[{ label: tn("som.title"), href: "/service-om" }, { label: t("title"), href: "/service-om/hosts" }, { label: host.name }]} />
      <div className="space-y-4">
        <Card
          title={<span data-testid="host-name">{host.name}</span>}
          actions={
            actor.permissions.has("host:manage") ? (
              <>
                {!host.up && actor.permissions.has("ecs:operate_all") ? <EvacuateHostButton id={host.id} name={host.name} instances={host.instances.length} /> : null}
                <ComputeServiceToggle id={host.id} name={host.name} running={host.serviceRunning} />
                <HostEnableToggle id={host.id} name={host.name} enabled={host.enabled} />
              </>
            ) : null
          }
        >
          <div className="grid grid-cols-1 gap-x-8 lg:grid-cols-2">
            <dl>
              <Field label={t("columns.state")}><HostState host={host} /></Field>
              {host.disabledReason ? <Field label={t("reason")}>{host.disabledReason}</Field> : null}
              <Field label={t("columns.az")}>{host.az}</Field>
              <Field label={t("groups")}>{host.groups.join(", ") || "-"}</Field>
              <Field label="IP">{host.ip}</Field>
              <Field label={t("lastHeartbeat")}>
                <Time at={host.lastHeartbeatAt} />
                {!host.serviceRunning ? <span className="ml-2 text-xs text-red-600">{t("serviceStopped")}</span> : null}
              </Field>
            </dl>
            <dl>
              <Field label={t("columns.cpuModel")}>{`${host.cpuModel} (${host.architecture}, ${host.hypervisorType})`}</Field>
              <Field label={t("physical")}>{`${host.vcpus} vCPU · ${gib(host.memoryMb)} · ${host.diskGb} GB`}</Field>
              <Field label={t("hugePages")}>{host.hugePageMemoryMb ? `${gib(host.hugePagesUsedMb)} / ${gib(host.hugePageMemoryMb)}` : "-"}</Field>
              <Field label={t("reserved")}>{gib(host.reservedMemoryMb)}</Field>
              <Field label={t("ratios")}>{`CPU ${host.cpuRatio} · RAM ${host.ramRatio} · Disk ${host.diskRatio}`}</Field>
            </dl>
          </div>
        </Card>
        <Card title={t("reported.title")}>
          <p className="mb-3 text-xs text-slate-500">{t("reported.hint")}</p>
          <div className="grid grid-cols-1 gap-x-8 lg:grid-cols-2" data-testid="host-reported">
            <dl>
              <Field label={t("reported.hypervisor")}>{`${host.reported.hypervisorType} ${host.reported.hypervisorVersion} · ${host.hypervisorType}`}</Field>
              <Field label={t("reported.supportedInstances")}>{host.reported.supportedInstances.join(", ")}</Field>
              <Field label={t("reported.traits")}>{host.reported.traits.join(", ") || "-"}</Field>
              <Field label={t("reported.reservedCpus")}>{host.reported.reservedVcpus}</Field>
            </dl>
            <dl>
              <Field label={t("reported.cpu")}>{`${host.reported.cpuInfo.vendor} ${host.reported.cpuInfo.model} (${host.reported.cpuInfo.arch})`}</Field>
              <Field label={t("reported.topology")}>
                {t("reported.topologyValue", { cells: host.reported.cpuInfo.topology.cells, sockets: host.reported.cpuInfo.topology.sockets, cores: host.reported.cpuInfo.topology.cores, threads: host.reported.cpuInfo.topology.threads })}
              </Field>
              <Field label={t("reported.features")}>{host.reported.cpuInfo.features.join(", ") || "-"}</Field>
            </dl>
          </div>
        </Card>
        <Card title={t("allocation")} actions={actor.permissions.has("host:manage") ? <HostAllocationDialog host={host} /> : null}>
          <div className="grid grid-cols-1 gap-6 md:grid-cols-3" data-testid="host-allocation">
            <CapacityBar label={t("columns.vcpu")} used={host.vcpusUsed} total={host.vcpuLimit} detail={t("allocOf", { used: host.vcpusUsed, total: host.vcpuLimit, physical: host.vcpus })} />
            <CapacityBar label={t("columns.ram")} used={host.memoryMbUsed} total={host.memoryMbLimit} detail={t("allocOf", { used: gib(host.memoryMbUsed), total: gib(host.memoryMbLimit), physical: gib(host.memoryMb) })} />
            <CapacityBar label={t("disk")} used={host.diskGbUsed} total={host.diskGbLimit} detail={t("allocOf", { used: `${host.diskGbUsed} GB`, total: `${host.diskGbLimit} GB`, physical: `${host.diskGb} GB` })} />
          </div>
        </Card>
        <MetricCard actor={actor} kind="host" sourceId={host.id} range={range} testId="host-metrics" />
        <Card title={t("instancesOnHost", { count: host.instances.length })}>
          <InstanceTable initial={host.instances} page={{ total: host.instances.length, page: 1, pageSize: Math.max(host.instances.length, 1), sort: "createdAt", dir: "desc" }} operator hrefBase="/service-om/instances" />
        </Card>
      </div>
    </>
  );
}
