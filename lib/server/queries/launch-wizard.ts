import "server-only";
import { launchability, type Launchability } from "@/lib/cloud/compute";
import { db, dbReader } from "../db";
import { requirePermission, type Actor } from "../auth/actor";
import { cachedHostStates } from "../repositories/host-cache";
import { loadSettings } from "../repositories/settings";
import { cloudNow } from "../services/clock";
import { listAzs, listFlavors, listImages, listRegions, type FlavorDto, type ImageDto } from "./catalog";
import { listServerGroups, type ServerGroupDto } from "./server-groups";
import { keyPairChoices } from "./key-pairs";
import { listVolumeTypes } from "./storage";
import { launchNetworkChoices, type LaunchNetworkChoices } from "./network";

export interface LaunchWizardData {
  azs: Awaited<ReturnType<typeof listAzs>>;
  regions: Awaited<ReturnType<typeof listRegions>>;
  flavors: FlavorDto[];
  images: ImageDto[];
  serverGroups: ServerGroupDto[];
  /** The caller's key pairs, for the login step. */
  keyPairs: { name: string; fingerprint: string }[];
  /** Per AZ and image, the flavors some enabled host there could ever take (no host named). */
  launchable: Launchability;
  /** The volume types the caller may create disks of (none without evs:create: local disks only). */
  volumeTypes: { id: string; name: string; description: string }[];
  /** The project's subnets and security groups (the network step). */
  networks: LaunchNetworkChoices;
}

/**
 * What the purchase wizard (ECS create and the catalog's order form) offers the caller: the
 * flavors and images it may use, its project's server groups, and what each AZ could ever take,
 * so the wizard disables the impossible as soon as the AZ is chosen.
 */
export async function launchWizardData(actor: Actor): Promise<LaunchWizardData> {
  requirePermission(actor, "ecs:create");
  const [azs, regions, flavors, allImages, groups, keyPairs, settings, now] = await Promise.all([listAzs(), listRegions(), listFlavors(actor), listImages(actor), listServerGroups(actor), keyPairChoices(actor), loadSettings(db), cloudNow()]);
  const images = allImages.filter((i) => i.status === "active" && (i.visibility === "public" || i.ownerProjectId === actor.defaultProjectId));
  const [hosts, volumeTypes, networks] = await Promise.all([cachedHostStates(dbReader, settings, now), actor.permissions.has("evs:create") ? listVolumeTypes(actor) : [], launchNetworkChoices(actor, actor.defaultProjectId)]);
  return {
    azs,
    regions,
    flavors,
    images,
    serverGroups: groups.filter((g) => g.projectId === actor.defaultProjectId),
    keyPairs,
    launchable: launchability(hosts, flavors, images, settings),
    volumeTypes: volumeTypes.map((t) => ({ id: t.id, name: t.name, description: t.description })),
    networks,
  };
}
