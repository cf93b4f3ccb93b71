import { z } from "zod";
import { listSchema } from "./list";

/** Nova's key pair names (1-255 before 2.92; the console keeps them short): letters, digits, space, . _ @ -. */
export const keyPairName = z
  .string()
  .trim()
  .min(1, { message: "name_required" })
  .max(64, { message: "name_too_long" })
  .regex(/^[A-Za-z0-9 ._@-]+$/, { message: "keypair_name_invalid" });

/** Create a key pair: import a public key, or have the console generate the pair. */
export const keyPairInput = z
  .object({
    name: keyPairName,
    kind: z.enum(["generate", "import"]),
    publicKey: z.string().trim().max(16_384).optional().transform((k) => k || undefined),
  })
  .refine((k) => k.kind === "generate" || k.publicKey !== undefined, { message: "public_key_required", path: ["publicKey"] })
  .transform(({ kind, publicKey, name }) => ({ name, publicKey: kind === "import" ? publicKey : undefined }));
export type KeyPairInput = z.infer<typeof keyPairInput>;

export const keyPairListParams = listSchema({});
export type KeyPairListParams = z.infer<typeof keyPairListParams>;
