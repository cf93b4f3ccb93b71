import { z } from "zod";
import { bandwidth, createVpcInput, networkName } from "./network";
import { filterValue, listSchema } from "./list";
import { checkLogin, launchFields } from "./instances";
import { volumeSize } from "./disks";
import { numeric } from "./numeric";
import { volumeName } from "./volumes";

/**
 * One ECS line of an order: what a launch takes, without the forced host (orders are tenants').
 * A password is checked here and then dropped: the order keeps only that one was set
 * (`passwordLogin`), never the password, for the approvers' eyes and the database's.
 */
export const orderItem = launchFields
  .omit({ projectId: true })
  .superRefine(checkLogin)
  .refine((i) => !i.az.includes(":"), { message: "az_required", path: ["az"] })
  .transform(({ adminPass, ...item }) => (adminPass ? { ...item, passwordLogin: true as const } : item));
export type OrderItem = z.infer<typeof orderItem>;
/** A line as the order form holds it before submission (with the password, if one is set). */
export type OrderItemInput = z.input<typeof orderItem>;

/** How many lines one order may hold. */
export const MAX_ORDER_LINES = 10;

/**
 * One EVS line of an order (a product of service type evs): what a volume creation takes, without
 * the project (orders are placed from the applicant's own) or a snapshot (that is a volume's own).
 */
export const volumeOrderItem = z.object({
  name: volumeName,
  az: z.string().trim().min(1, { message: "az_required" }).max(64),
  volumeTypeId: z.string().min(1, { message: "volume_type_required" }).max(64),
  sizeGb: volumeSize,
  count: numeric(z.number().int().min(1, { message: "count_range" }).max(50, { message: "count_range" })).optional(),
  imageId: z.preprocess((v) => (v === "" ? undefined : v), z.string().min(1).max(64).optional()),
});
export type VolumeOrderItem = z.infer<typeof volumeOrderItem>;

/** One VPC line (a product of service type vpc): a VPC with its first subnet, in the applicant's project. */
export const vpcOrderItem = createVpcInput.omit({ projectId: true });
export type VpcOrderItem = z.infer<typeof vpcOrderItem>;

/** One EIP line (service type eip): `count` EIPs of a bandwidth, named for the order. */
export const eipOrderItem = z.object({
  name: networkName,
  bandwidthMbit: bandwidth,
  count: numeric(z.number().int().min(1, { message: "count_range" }).max(20, { message: "count_range" })).optional(),
});
export type EipOrderItem = z.infer<typeof eipOrderItem>;

/**
 * An order of a product: its lines are read by the product's service type (ECS lines with
 * orderItem, EVS lines with volumeOrderItem) once the product is known, in services/orders.ts.
 */
export const submitOrderInput = z.object({
  productId: z.string().min(1).max(64),
  items: z.array(z.record(z.string(), z.unknown())).min(1, { message: "items_required" }).max(MAX_ORDER_LINES),
});
export type SubmitOrderInput = z.infer<typeof submitOrderInput>;

export const decideOrdersInput = z.object({
  ids: z.array(z.string().uuid()).min(1).max(100),
  verdict: z.enum(["approve", "reject"]),
  comment: z.string().trim().max(500).optional(),
});
export type DecideOrdersInput = z.infer<typeof decideOrdersInput>;

/** A change or release of instances obtained through a product, as an order. */
export const changeOrderInput = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("resize"), instanceId: z.string().uuid(), flavorId: z.string().min(1, { message: "flavor_required" }).max(64) }),
  z.object({ kind: z.literal("release"), instanceIds: z.array(z.string().uuid()).min(1).max(20) }),
]);
export type ChangeOrderInput = z.infer<typeof changeOrderInput>;

export const ORDER_STATUSES = ["pending_approval", "approved", "provisioning", "completed", "partially_failed", "failed", "rejected", "cancelled"] as const;
export const ORDER_KINDS = ["create", "resize", "release"] as const;

/** The orders list: the caller's own, or (order:view_all) everyone's; status, kind, product. */
export const orderListParams = listSchema({ status: z.enum(ORDER_STATUSES).optional(), kind: z.enum(ORDER_KINDS).optional(), product: filterValue, scope: z.enum(["mine", "all"]).optional() });
export type OrderListParams = z.infer<typeof orderListParams>;

/** The approvals inbox: pending or handled, with VDC and product filters. */
export const inboxListParams = listSchema({ tab: z.enum(["pending", "handled"]).default("pending"), vdc: filterValue, product: filterValue });
export type InboxListParams = z.infer<typeof inboxListParams>;
