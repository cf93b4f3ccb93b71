import { z } from "zod";
import { numeric } from "./numeric";
import { filterValue, listSchema } from "./list";
import { keyPairName } from "./key-pairs";
import { diskSpec, MAX_DATA_DISKS } from "./disks";
import { adminPasswordProblem } from "@/lib/cloud/compute/admin-password";
import { SIMPLE_ACTIONS } from "@/lib/cloud/compute/instance-states";
import { SERVER_GROUP_POLICIES } from "@/lib/cloud/compute/scheduler";
import { launchNetworkFields } from "./network";
import { resourceName } from "./names";

// Instance names follow the ECS console rule (names.ts).
export const instanceName = resourceName;

export const launchFields = z.object({
  name: instanceName,
  /** An AZ, or `az:host` to force a host (administrators only, as in Nova). */
  az: z.string().trim().min(1, { message: "az_required" }).max(120),
  flavorId: z.string().min(1, { message: "flavor_required" }).max(64),
  imageId: z.string().min(1, { message: "image_required" }).max(64),
  /** Several identical ECSs in one request, all or none (Nova's min_count = max_count). */
  count: numeric(z.number().int().min(1, { message: "count_range" }).max(20, { message: "count_range" })).optional(),
  /** Join a server group of the project (affinity or anti-affinity). */
  serverGroupId: z.string().uuid().optional(),
  /** The project to launch into; defaults to the caller's own. */
  projectId: z.string().min(1).max(64).optional(),
  /** Log in with one of the caller's key pairs (Nova's key_name)... */
  keyName: keyPairName.optional(),
  /** ...or with an administrator password set at boot (Nova's adminPass), never stored. */
  adminPass: z.string().max(64).optional(),
  /** Boot from an EVS volume created from the image (HCS's default); without it the root disk is the flavor's local disk. */
  systemDisk: diskSpec.optional(),
  /** EVS volumes created with the ECS and attached as /dev/vdb, /dev/vdc... */
  dataDisks: z.array(diskSpec).max(MAX_DATA_DISKS, { message: "data_disks_max" }).optional(),
  /** The interfaces (subnets, the first the primary), their security groups, an EIP; without networks, the project's default VPC. */
  ...launchNetworkFields,
});

/** One login credential at most, and a password that meets the ECS password rule. */
export function checkLogin(i: { keyName?: string | undefined; adminPass?: string | undefined }, ctx: z.RefinementCtx): void {
  if (i.keyName && i.adminPass) ctx.addIssue({ code: "custom", message: "login_one_only", path: ["adminPass"] });
  const problem = i.adminPass ? adminPasswordProblem(i.adminPass) : null;
  if (problem) ctx.addIssue({ code: "custom", message: problem, path: ["adminPass"] });
}

export const launchInput = launchFields.superRefine(checkLogin);
export type LaunchInput = z.infer<typeof launchInput>;

export const instanceActionInput = z.object({
  id: z.string().uuid(),
  action: z.enum(SIMPLE_ACTIONS),
});

export const resizeInput = z.object({ id: z.string().uuid(), flavorId: z.string().min(1, { message: "flavor_required" }) });
/** Cold migrate or evacuate; without a host the scheduler chooses (every filter runs either way). */
export const moveInput = z.object({ id: z.string().uuid(), host: z.string().trim().max(64).optional().transform((h) => h || undefined) });
export const rebuildInput = z.object({ id: z.string().uuid(), imageId: z.string().min(1, { message: "image_required" }) });
export const snapshotInput = z.object({ id: z.string().uuid(), name: instanceName });

export const serverGroupInput = z.object({
  name: instanceName,
  policy: z.enum(SERVER_GROUP_POLICIES),
});
/** `?ids=a,b` of the polling endpoint: at most a page of instance ids. */
export const instanceIdsParam = z
  .string()
  .max(100 * 37)
  .transform((s) => s.split(",").filter(Boolean))
  .pipe(z.array(z.string().uuid()).max(100));

export type InstanceActionInput = z.infer<typeof instanceActionInput>;

/** The instance and host lists: status and AZ filters (and architecture, for hosts). */
export const listParams = listSchema({ status: filterValue, az: filterValue, arch: filterValue });
export type InstanceListParams = z.infer<typeof listParams>;

/** The server groups list: a policy filter. */
export const serverGroupListParams = listSchema({ policy: z.enum(SERVER_GROUP_POLICIES).optional() });
export type ServerGroupListParams = z.infer<typeof serverGroupListParams>;
