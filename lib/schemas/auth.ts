import { z } from "zod";

export const loginInput = z.object({
  username: z.string().trim().min(1, { message: "username_required" }).max(64),
  password: z.string().min(1, { message: "password_required" }).max(128),
});
