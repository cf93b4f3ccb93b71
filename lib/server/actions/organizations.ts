"use server";
import { z } from "zod";
import { createUserInput, createVdcInput, quotaInput, resourceSetInput, updateUserInput, updateVdcInput } from "@/lib/schemas/organizations";
import { assignRole, createUser, createVdc, deleteVdc, removeRole, setQuota, setResourceSet, updateUser, updateVdc } from "../services/organizations";
import { defineAction, type Revalidate } from "./define";
import { verifyAuditChain } from "../services/audit-verify";

// The VDC tree and its users. defineAction checks the permission before the input is read; each
// service checks the VDC scope (and, for roles, the role table in lib/cloud/identity).

const PAGES: Revalidate[] = [["/sc/organizations", "layout"], "/sc/users"];
const id = z.string().min(1).max(64);

export const createVdcAction = defineAction("vdc:manage", createVdcInput, (actor, input) => createVdc(actor, input), PAGES);
export const updateVdcAction = defineAction("vdc:manage", updateVdcInput, (actor, input) => updateVdc(actor, input.id, input), PAGES);
export const deleteVdcAction = defineAction("vdc:manage", z.object({ id }), (actor, input) => deleteVdc(actor, input.id), PAGES);
export const setQuotaAction = defineAction("vdc:manage", quotaInput, (actor, input) => setQuota(actor, input), PAGES);
export const setResourceSetAction = defineAction("vdc:manage", resourceSetInput, (actor, input) => setResourceSet(actor, input), PAGES);

export const createUserAction = defineAction("user:manage", createUserInput, (actor, input) => createUser(actor, input), PAGES);
export const updateUserAction = defineAction("user:manage", z.object({ id, patch: updateUserInput }), (actor, input) => updateUser(actor, input.id, input.patch), PAGES);
export const assignRoleAction = defineAction(
  "user:manage",
  z.object({ userId: id, role: z.string().min(1).max(40), vdcId: id.nullable(), projectId: id.nullable() }),
  (actor, input) => assignRole(actor, input.userId, input),
  PAGES,
);
export const removeRoleAction = defineAction("user:manage", z.object({ userId: id, assignmentId: id }), (actor, input) => removeRole(actor, input.userId, input.assignmentId), PAGES);

/** Check the whole audit hash chain (readers of the whole log only; the service checks). */
export const verifyAuditChainAction = defineAction("audit:view", z.object({}).strict(), (actor) => verifyAuditChain(actor));
