import "server-only";
import { randomUUID } from "node:crypto";
import { defaultGroupRules, groupDeleteRefusal, normalizeRule, ruleKey, type Rule } from "@/lib/cloud/network";
import { DomainError, NotFoundError } from "@/lib/cloud/shared";
import type { Project } from "@/lib/generated/prisma/client";
import { Prisma } from "@/lib/generated/prisma/client";
import type { CreateRuleInput, CreateSecurityGroupInput } from "@/lib/schemas/network";
import { db, dbReader, type Tx } from "../db";
import { assertInScope, requirePermission, type Actor } from "../auth/actor";
import { releaseQuota, reserveQuota, vdcChain } from "../repositories/quota";
import { findRow, insertRow, sqlRun } from "../repositories/sql";
import { audited } from "./audit";
import { cloudNow } from "./clock";
import { networkRegionId } from "../repositories/network";
import { networkProject } from "./vpcs";

// Security groups and rules as Neutron keeps them: a default group per project (made on first
// use, with Neutron's four rules), custom groups, rules normalized and checked by the network core
// and kept unique by their key, so a duplicate is refused as Neutron refuses it (409) even when
// two requests race.

async function insertRule(tx: Tx, groupId: string, projectId: string, rule: Rule, description: string, now: Date): Promise<string> {
  const id = randomUUID();
  const inserted = await sqlRun(tx, 
    Prisma.sql`${insertRow("SecurityGroupRule", { id, securityGroupId: groupId, projectId, ...rule, description, ruleKey: ruleKey(rule, groupId), createdAt: now })} ON CONFLICT ("securityGroupId", "ruleKey") DO NOTHING`,
  );
  if (inserted !== 1) {
    const existing = await tx.securityGroupRule.findFirst({ where: { securityGroupId: groupId, ruleKey: ruleKey(rule, groupId) }, select: { id: true } });
    throw new DomainError("CONFLICT", "rule exists", { reason: "rule_exists", id: existing?.id ?? "-" });
  }
  return id;
}

/**
 * The project's default group, made on first use (as Neutron's _ensure_default_security_group),
 * in its own transaction with its quota; a race is settled by the unique key.
 */
export async function ensureDefaultGroup(project: Project): Promise<string> {
  // Read by every launch: one plain statement (repositories/sql.ts).
  const existing = () => findRow<{ id: string }>(db, "SecurityGroup", { defaultFor: project.id });
  const found = await existing();
  if (found) return found.id;
  const [chain, regionId, now] = await Promise.all([vdcChain(dbReader, project.vdcId), networkRegionId(), cloudNow()]);
  try {
    return await db.$transaction(async (tx) => {
      const id = randomUUID();
      const rules = defaultGroupRules(id);
      await reserveQuota(tx, chain, regionId, { security_groups: 1, security_group_rules: rules.length });
      await sqlRun(tx, insertRow("SecurityGroup", { id, name: "default", description: "Default security group", projectId: project.id, defaultFor: project.id, createdAt: now }));
      for (const r of rules) await insertRule(tx, id, project.id, r, "", now);
      return id;
    });
  } catch (err) {
    const raced = await existing();
    if (raced) return raced.id;
    throw err;
  }
}

export async function groupInScope(actor: Actor, id: string, client: Tx | typeof db = dbReader) {
  const group = await client.securityGroup.findUnique({ where: { id } });
  assertInScope(actor, "security_group", id, group);
  return group;
}

/** Create a custom group; Neutron gives it two egress rules (any IPv4, any IPv6), as here. */
export async function createSecurityGroup(actor: Actor, input: CreateSecurityGroupInput): Promise<{ id: string }> {
  requirePermission(actor, "vpc:manage");
  const project = await networkProject(actor, input.projectId);
  // "default" is the project's default group's name (Neutron refuses a second one).
  if (input.name === "default") throw new DomainError("CONFLICT", "default group name", { reason: "default_group_name" });
  await ensureDefaultGroup(project);
  const [chain, regionId, now] = await Promise.all([vdcChain(dbReader, project.vdcId), networkRegionId(), cloudNow()]);
  return audited(actor, { action: "security_group.create", targetType: "security_group", vdcId: project.vdcId }, async (tx, record) => {
    record({ after: { name: input.name, project: project.name } });
    const id = randomUUID();
    const rules = defaultGroupRules(id).filter((r) => r.direction === "egress");
    await reserveQuota(tx, chain, regionId, { security_groups: 1, security_group_rules: rules.length });
    await sqlRun(tx, insertRow("SecurityGroup", { id, name: input.name, description: input.description ?? "", projectId: project.id, defaultFor: null, createdAt: now }));
    for (const r of rules) await insertRule(tx, id, project.id, r, "", now);
    record({ targetId: id });
    return { id };
  });
}

/** Delete a group: never the default one, nor one a port still carries (Neutron's 409s); its rules' quota comes back. */
export async function deleteSecurityGroup(actor: Actor, id: string): Promise<void> {
  requirePermission(actor, "vpc:manage");
  const group = await groupInScope(actor, id);
  const project = (await findRow<Project>(dbReader, "Project", { id: group.projectId })) as Project;
  const [chain, regionId] = await Promise.all([vdcChain(dbReader, project.vdcId), networkRegionId()]);
  await audited(actor, { action: "security_group.delete", targetType: "security_group", targetId: id, vdcId: project.vdcId }, async (tx, record) => {
    record({ before: { name: group.name } });
    const refusal = groupDeleteRefusal({ isDefault: group.defaultFor !== null, ports: await tx.portSecurityGroup.count({ where: { securityGroupId: id } }) });
    if (refusal) throw new DomainError("CONFLICT", "group in use", { ...refusal, name: group.name });
    // Rules of other groups that name this one as their remote go too (Neutron cascades them).
    const remoteRules = await tx.securityGroupRule.deleteMany({ where: { remoteGroupId: id, NOT: { securityGroupId: id } } });
    const own = await tx.securityGroupRule.count({ where: { securityGroupId: id } });
    const gone = await tx.securityGroup.deleteMany({ where: { id } });
    if (gone.count !== 1) throw new NotFoundError("security_group", id);
    await releaseQuota(tx, chain, regionId, { security_groups: 1, security_group_rules: own + remoteRules.count });
  });
}

/** Add a rule: normalized and checked as Neutron does (its reasons), a remote group of the same project, unique in its group (409). */
export async function createRule(actor: Actor, input: CreateRuleInput): Promise<{ id: string }> {
  requirePermission(actor, "vpc:manage");
  const group = await groupInScope(actor, input.securityGroupId);
  const rule = normalizeRule({ direction: input.direction, ethertype: input.ethertype, protocol: input.protocol ?? null, portRangeMin: input.portRangeMin ?? null, portRangeMax: input.portRangeMax ?? null, remoteIpPrefix: input.remoteIpPrefix ?? null, remoteGroupId: input.remoteGroupId ?? null });
  if ("code" in rule) throw new DomainError("INVALID_INPUT", "rule refused", { ...rule, reason: `rule_${rule.code}` });
  if (rule.remoteGroupId) {
    const remote = await dbReader.securityGroup.findUnique({ where: { id: rule.remoteGroupId } });
    if (!remote || remote.projectId !== group.projectId) throw new NotFoundError("security_group", rule.remoteGroupId);
  }
  const project = (await findRow<Project>(dbReader, "Project", { id: group.projectId })) as Project;
  const [chain, regionId, now] = await Promise.all([vdcChain(dbReader, project.vdcId), networkRegionId(), cloudNow()]);
  return audited(actor, { action: "security_group_rule.create", targetType: "security_group", targetId: group.id, vdcId: project.vdcId }, async (tx, record) => {
    record({ after: { group: group.name, ...rule } });
    await reserveQuota(tx, chain, regionId, { security_group_rules: 1 });
    if (!(await tx.securityGroup.findUnique({ where: { id: group.id }, select: { id: true } }))) throw new NotFoundError("security_group", group.id);
    return { id: await insertRule(tx, group.id, group.projectId, rule, input.description ?? "", now) };
  });
}

export async function deleteRule(actor: Actor, id: string): Promise<void> {
  requirePermission(actor, "vpc:manage");
  const rule = await dbReader.securityGroupRule.findUnique({ where: { id }, include: { securityGroup: true } });
  assertInScope(actor, "security_group_rule", id, rule);
  const project = (await findRow<Project>(dbReader, "Project", { id: rule.projectId })) as Project;
  const [chain, regionId] = await Promise.all([vdcChain(dbReader, project.vdcId), networkRegionId()]);
  await audited(actor, { action: "security_group_rule.delete", targetType: "security_group", targetId: rule.securityGroupId, vdcId: project.vdcId }, async (tx, record) => {
    record({ before: { group: rule.securityGroup.name, direction: rule.direction, ethertype: rule.ethertype, protocol: rule.protocol, portRangeMin: rule.portRangeMin, portRangeMax: rule.portRangeMax, remoteIpPrefix: rule.remoteIpPrefix, remoteGroupId: rule.remoteGroupId } });
    const gone = await tx.securityGroupRule.deleteMany({ where: { id } });
    if (gone.count !== 1) throw new NotFoundError("security_group_rule", id);
    await releaseQuota(tx, chain, regionId, { security_group_rules: 1 });
  });
}

/** Groups a port may carry: the project's own (a stranger's group id is not found). */
export async function usableGroups(projectId: string, ids: readonly string[]): Promise<string[]> {
  const unique = [...new Set(ids)];
  const rows = await dbReader.securityGroup.findMany({ where: { id: { in: unique }, projectId }, select: { id: true } });
  const missing = unique.find((g) => !rows.some((r) => r.id === g));
  if (missing) throw new NotFoundError("security_group", missing);
  return unique;
}
