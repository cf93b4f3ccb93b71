import { z } from "zod";

// The console's naming rule for ECSs, volumes and network resources: 1-64 characters, letters,
// digits, '-', '_', '.', starting with a letter or digit.
export const resourceName = z
  .string()
  .trim()
  .min(1, { message: "name_required" })
  .max(64, { message: "name_too_long" })
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, { message: "name_invalid" });
