import "server-only";
import { DomainError, NotFoundError } from "@/lib/cloud/shared";
import type { KeyPairInput } from "@/lib/schemas/key-pairs";
import { Prisma } from "@/lib/generated/prisma/client";
import { db } from "../db";
import { requirePermission, type Actor } from "../auth/actor";
import { fingerprintOf, generateRsaKeyPair, parsePublicKey } from "../ssh-keys";
import { audited } from "./audit";
import { cloudNow } from "./clock";

/**
 * Create one of the caller's key pairs, as Nova's os-keypairs does: import a public key (checked
 * and fingerprinted), or generate a pair and hand the private key back once; it is never stored.
 * Names are unique per user; a second one is a conflict (Nova's 409).
 */
export async function createKeyPair(actor: Actor, input: KeyPairInput): Promise<{ id: string; name: string; fingerprint: string; privateKey: string | null }> {
  requirePermission(actor, "ecs:create");
  let publicKey: string;
  let privateKey: string | null = null;
  if (input.publicKey) {
    const parsed = parsePublicKey(input.publicKey);
    if (typeof parsed === "string") throw new DomainError("INVALID_INPUT", "bad public key", { reason: parsed });
    publicKey = `${parsed.type} ${parsed.blob.toString("base64")}${parsed.comment ? ` ${parsed.comment}` : ""}`;
  } else {
    ({ publicKey, privateKey } = generateRsaKeyPair("Generated-by-Nova"));
  }
  const parsed = parsePublicKey(publicKey);
  if (typeof parsed === "string") throw new Error(`generated an unusable key: ${parsed}`);
  const fingerprint = fingerprintOf(parsed.blob);
  const now = await cloudNow();
  return audited(actor, { action: input.publicKey ? "keypair.import" : "keypair.create", targetType: "key_pair", vdcId: actor.vdcId }, async (tx, record) => {
    record({ after: { name: input.name, fingerprint } });
    try {
      const kp = await tx.keyPair.create({ data: { userId: actor.userId, name: input.name, publicKey, fingerprint, createdAt: now } });
      record({ targetId: kp.id });
      return { id: kp.id, name: kp.name, fingerprint, privateKey };
    } catch (err) {
      if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") throw new DomainError("CONFLICT", "key pair exists", { reason: "keypair_exists", name: input.name });
      throw err;
    }
  });
}

/** Delete one of the caller's key pairs (another user's is not found). ECSs keep the key they booted with. */
export async function deleteKeyPair(actor: Actor, id: string): Promise<void> {
  requirePermission(actor, "ecs:create");
  const kp = await db.keyPair.findFirst({ where: { id, userId: actor.userId } });
  if (!kp) throw new NotFoundError("key_pair", id);
  await audited(actor, { action: "keypair.delete", targetType: "key_pair", targetId: id, vdcId: actor.vdcId }, async (tx, record) => {
    record({ before: { name: kp.name, fingerprint: kp.fingerprint } });
    const gone = await tx.keyPair.deleteMany({ where: { id, userId: actor.userId } });
    if (gone.count !== 1) throw new NotFoundError("key_pair", id);
  });
}
