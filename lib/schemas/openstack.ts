import { z } from "zod";

// The OpenStack-compatible API's inputs, as Keystone v3 takes them.

const ref = z.object({ id: z.string().trim().min(1).max(128).optional(), name: z.string().trim().min(1).max(128).optional() });
const named = ref.extend({ domain: ref.optional() }).refine((r) => r.id || r.name, { message: "id or name" });

export const authRequest = z.object({
  auth: z.object({
    identity: z.object({
      methods: z.array(z.enum(["password", "token"])).min(1).max(2),
      password: z.object({ user: named.and(z.object({ password: z.string().min(1).max(200) })) }).optional(),
      token: z.object({ id: z.string().min(1).max(200) }).optional(),
    }),
    scope: z.union([z.literal("unscoped"), z.object({ project: named }), z.object({ domain: ref }), z.object({ system: z.record(z.string(), z.unknown()) })]).optional(),
  }),
});
export type AuthRequest = z.infer<typeof authRequest>;
