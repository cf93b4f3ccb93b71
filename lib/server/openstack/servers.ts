import "server-only";
import type { Project } from "@/lib/generated/prisma/client";
import { NotFoundError } from "@/lib/cloud/shared";
import { isCidrError, parseCidr, within } from "@/lib/cloud/network";
import { launchInput, snapshotInput, type LaunchInput } from "@/lib/schemas/instances";
import { novaCreateImage, novaEvacuate, novaMigrate, novaRebuild, novaReboot, novaResize, type NovaBlockDevice, type NovaServerCreate } from "@/lib/schemas/openstack";
import type { SimpleAction } from "@/lib/cloud/compute";
import { dbReader } from "../db";
import type { Actor } from "../auth/actor";
import { listVolumeTypes } from "../queries/storage";
import { launchInstance, requestInstanceAction } from "../services/instances";
import { evacuateInstance, migrateInstance, rebuildInstance, resizeInstance, snapshotInstance } from "../services/instance-ops";
import { ensureDefaultGroup } from "../services/security-groups";
import { OpenStackError } from "./errors";

// Nova's server writes over the console's own services: a create is the console's launch (the
// same quota on the VDC chain, resource set, scheduler, claims and audit entry, marked as API),
// an action is the console's operation with its allowed() states and its "changed through an
// order" rule. This module only translates Nova's request bodies; it decides nothing itself.

const bad = (message: string) => new OpenStackError(400, message);

/** Nova's booleans in a block device mapping ("true", "1", true...). */
const yes = (v: unknown) => v === true || (typeof v === "string" && ["true", "1"].includes(v.toLowerCase()));

/** The volume type a mapping names (by id or name), else the first the project may use, as the console's wizard offers first. */
async function volumeTypeFor(actor: Actor, wanted: string | null | undefined): Promise<string> {
  const types = await listVolumeTypes(actor);
  const t = wanted ? types.find((x) => x.id === wanted || x.name === wanted) : types[0];
  if (!t) throw bad(wanted ? `Volume type ${wanted} could not be found.` : "No volume type is available to this project.");
  return t.id;
}

/**
 * block_device_mapping_v2 as the console's disks: the boot entry (boot_index 0) from an image to a
 * volume is the system disk on EVS, blank volumes are data disks; an image to local is the flavor's
 * root disk. What the console cannot do at boot is refused by name rather than ignored.
 */
async function disksOf(actor: Actor, bdms: readonly NovaBlockDevice[]): Promise<{ imageId: string | null; systemDisk?: LaunchInput["systemDisk"]; dataDisks?: LaunchInput["dataDisks"] }> {
  let imageId: string | null = null;
  let systemDisk: LaunchInput["systemDisk"];
  const dataDisks: NonNullable<LaunchInput["dataDisks"]> = [];
  for (const b of bdms) {
    const boot = b.boot_index !== undefined && b.boot_index !== null && Number(b.boot_index) === 0;
    const dest = b.destination_type ?? (b.source_type === "image" ? "local" : "volume");
    if (b.source_type === "volume" || b.source_type === "snapshot") throw bad(`Booting with an existing ${b.source_type} is not supported: create the server, then attach the volume.`);
    if (b.source_type === "image") {
      if (!boot) throw bad("An image can only be the boot device (boot_index 0).");
      if (!b.uuid) throw bad("A block device mapping from an image needs the image's uuid.");
      imageId = b.uuid;
      if (dest === "volume") {
        if (b.volume_size === undefined) throw bad("Booting from a volume created from an image needs volume_size.");
        // Nova keeps a mapped volume unless told to delete it with the server.
        systemDisk = { volumeTypeId: await volumeTypeFor(actor, b.volume_type), sizeGb: Number(b.volume_size), deleteOnTermination: yes(b.delete_on_termination) };
      }
      continue;
    }
    // blank
    if (dest === "local") throw bad("Ephemeral and swap disks come from the flavor here: a blank local block device is not supported.");
    if (boot) throw bad("A blank volume cannot be the boot device.");
    if (b.volume_size === undefined) throw bad("A blank volume needs volume_size.");
    dataDisks.push({ volumeTypeId: await volumeTypeFor(actor, b.volume_type), sizeGb: Number(b.volume_size), deleteOnTermination: yes(b.delete_on_termination) });
  }
  return { imageId, ...(systemDisk ? { systemDisk } : {}), ...(dataDisks.length ? { dataDisks } : {}) };
}

/** Without an availability zone, Nova may place anywhere: here, the first AZ of the VDC's resource set in the default region. */
export async function defaultAz(project: Project): Promise<string> {
  const [sets, region] = await Promise.all([dbReader.resourceSet.findMany({ where: { vdcId: project.vdcId }, orderBy: { regionId: "asc" } }), dbReader.region.findFirst({ where: { isDefault: true }, select: { id: true } })]);
  const set = sets.find((x) => x.regionId === region?.id) ?? sets[0];
  const az = set?.azIds.split(",").find(Boolean);
  if (!az) throw bad(`Project ${project.name} has no availability zone to launch into: its VDC has no resource set.`);
  return az;
}

/** The project's security groups by name or id; "default" is the project's default group (made on first use, as every launch makes it). */
async function groupIds(project: Project, wanted: readonly { name: string }[]): Promise<string[] | undefined> {
  if (!wanted.length) return undefined;
  const ids: string[] = [];
  for (const { name } of wanted) {
    if (name === "default") {
      ids.push(await ensureDefaultGroup(project));
      continue;
    }
    const found = await dbReader.securityGroup.findMany({ where: { projectId: project.id, OR: [{ id: name }, { name }] }, select: { id: true } });
    if (found.length === 0) throw bad(`Security group ${name} not found for project ${project.id}.`);
    if (found.length > 1) throw new OpenStackError(409, `Multiple security groups named ${name} in project ${project.id}: name it by id.`);
    ids.push((found[0] as { id: string }).id);
  }
  return [...new Set(ids)];
}

/**
 * The subnet a Neutron network's port is made on: a network here is a VPC (or a provider network),
 * and Neutron allocates on its first subnet unless a fixed IP names the one holding it. Whether the
 * project may use it is the launch's check (usableSubnet).
 */
async function subnetFor(networkId: string, fixedIp: string | undefined): Promise<string> {
  const subnets = await dbReader.subnet.findMany({ where: { OR: [{ vpcId: networkId }, { externalNetworkId: networkId }] }, select: { id: true, cidr: true }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  if (subnets.length === 0) {
    if (await dbReader.vpc.findUnique({ where: { id: networkId }, select: { id: true } })) throw bad(`Network ${networkId} requires a subnet in order to boot instances on.`);
    throw new NotFoundError("network", networkId);
  }
  if (!fixedIp) return (subnets[0] as { id: string }).id;
  const ip = parseCidr(`${fixedIp.trim()}/32`);
  const holding = isCidrError(ip) ? undefined : subnets.find((x) => {
    const c = parseCidr(x.cidr);
    return !isCidrError(c) && within(ip, c);
  });
  if (!holding) throw bad(`Fixed IP address ${fixedIp} is not on any subnet of network ${networkId}.`);
  return holding.id;
}

/** Nova's create body as the console's launch input, validated by the console's own schema. */
export async function launchInputFromNova(actor: Actor, projectId: string, body: NovaServerCreate): Promise<LaunchInput> {
  const s = body.server;
  if (s.block_device_mapping) throw bad("block_device_mapping (v1) is not supported: use block_device_mapping_v2.");
  if (s.personality?.length) throw bad("Personality files are not supported (removed from Nova in microversion 2.57).");
  if (s.metadata && Object.keys(s.metadata).length) throw bad("Server metadata is not kept by this cloud: create the server without it.");
  if (yes(s.return_reservation_id)) throw bad("return_reservation_id is not supported: servers are created at once and listed by id.");
  if (s.networks === "none") throw bad("Every ECS has at least one interface: omit networks (or say auto) for the project's default VPC, or name a network.");
  if (Array.isArray(s.networks) && s.networks.some((n) => n.port)) throw bad("Booting with a pre-created port is not supported: name its network (uuid) and, if needed, a fixed_ip.");
  if (Array.isArray(s.networks) && s.networks.some((n) => !n.uuid)) throw bad("Each network needs its uuid.");
  const hints = body["OS-SCH-HNT:scheduler_hints"] ?? body["os:scheduler_hints"] ?? {};
  const unknownHints = Object.keys(hints).filter((k) => k !== "group");
  if (unknownHints.length) throw bad(`Scheduler hints not supported by this cloud: ${unknownHints.join(", ")} (only group is).`);
  const min = s.min_count ?? 1;
  const max = s.max_count ?? min;
  if (min > max) throw bad("min_count must be <= max_count");

  const project = await dbReader.project.findUnique({ where: { id: projectId } });
  if (!project) throw new NotFoundError("project", projectId);
  const disks = await disksOf(actor, s.block_device_mapping_v2 ?? []);
  const imageId = disks.imageId ?? (s.imageRef ? (s.imageRef.replace(/\/+$/, "").split("/").at(-1) as string) : "");
  if (!imageId) throw bad("Missing imageRef attribute: name an image, or boot from a block device mapping with an image at boot_index 0.");
  if (disks.imageId && s.imageRef && s.imageRef !== disks.imageId) throw bad("imageRef and the boot block device name different images.");
  const group = hints.group;
  if (group !== undefined && typeof group !== "string") throw bad("The group scheduler hint is a server group's id.");
  const input = {
    name: s.name,
    az: s.availability_zone ?? (await defaultAz(project)),
    flavorId: s.flavorRef,
    imageId,
    // All or none: the console creates a batch whole (Nova's min_count = max_count).
    ...(max > 1 ? { count: max } : {}),
    ...(group ? { serverGroupId: group } : {}),
    projectId: project.id,
    ...(s.key_name ? { keyName: s.key_name } : {}),
    ...(s.adminPass ? { adminPass: s.adminPass } : {}),
    ...(disks.systemDisk ? { systemDisk: disks.systemDisk } : {}),
    ...(disks.dataDisks ? { dataDisks: disks.dataDisks } : {}),
    ...(Array.isArray(s.networks) && s.networks.length ? { networks: await Promise.all(s.networks.map(async (n) => ({ subnetId: await subnetFor(n.uuid as string, n.fixed_ip), ...(n.fixed_ip ? { fixedIp: n.fixed_ip } : {}) }))) } : {}),
    ...(s.security_groups?.length ? { securityGroupIds: await groupIds(project, s.security_groups) } : {}),
  };
  return launchInput.parse(input);
}

/** POST /servers: the console's launch; Nova's 202 body names the first server of the batch. */
export async function createServers(actor: Actor, projectId: string, body: NovaServerCreate) {
  let input: LaunchInput;
  try {
    input = await launchInputFromNova(actor, projectId, body);
  } catch (err) {
    // Nova answers a missing flavor, image, network or group in a create as a bad request.
    if (err instanceof NotFoundError) throw bad(`${err.entity.replace(/_/g, " ")} ${err.params.id ?? ""} could not be found.`.replace(/^./, (c) => c.toUpperCase()));
    throw err;
  }
  try {
    return { ...(await launchInstance(actor, input)), adminPass: body.server.adminPass ?? null, groups: body.server.security_groups?.map((g) => g.name) ?? ["default"] };
  } catch (err) {
    if (err instanceof NotFoundError && err.entity !== "instance") throw bad(`${err.entity.replace(/_/g, " ")} ${err.params.id ?? ""} could not be found.`.replace(/^./, (c) => c.toUpperCase()));
    throw err;
  }
}

/** Nova's actions without an argument, as the console names them. */
const SIMPLE: Record<string, SimpleAction> = {
  "os-start": "start",
  "os-stop": "stop",
  pause: "pause",
  unpause: "unpause",
  suspend: "suspend",
  resume: "resume",
  lock: "lock",
  unlock: "unlock",
  confirmResize: "confirm_resize",
  revertResize: "revert_resize",
};

/** POST /servers/{id}/action: one of Nova's actions, through the console's operation of the same name; the image's id for createImage. */
export async function serverAction(actor: Actor, id: string, name: string, arg: unknown): Promise<{ imageId?: string }> {
  const simple = SIMPLE[name];
  if (simple) {
    await requestInstanceAction(actor, id, simple);
    return {};
  }
  switch (name) {
    case "reboot":
      await requestInstanceAction(actor, id, novaReboot.parse(arg).type === "HARD" ? "reboot_hard" : "reboot");
      return {};
    case "resize":
      await resizeInstance(actor, id, novaResize.parse(arg).flavorRef);
      return {};
    case "rebuild":
      await rebuildInstance(actor, id, novaRebuild.parse(arg).imageRef);
      return {};
    case "migrate":
      await migrateInstance(actor, id, novaMigrate.parse(arg)?.host ?? undefined);
      return {};
    case "evacuate":
      await evacuateInstance(actor, id, novaEvacuate.parse(arg).host ?? undefined);
      return {};
    case "createImage":
      // The image's name follows the console's naming rule, as a snapshot made from the console's page does.
      return snapshotInstance(actor, id, snapshotInput.parse({ id, name: novaCreateImage.parse(arg).name }).name);
    default:
      throw bad(`There is no such action: ${name}`);
  }
}
