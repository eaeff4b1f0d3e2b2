import { z } from "zod";

export const accessKeyId = z.string().regex(/^[A-Z0-9]{16,128}$/, "Not an access key id");

export const createAccessKeyInput = z.object({
  description: z.string().trim().max(256, "Description must be at most 256 characters").default(""),
});
export type CreateAccessKeyInput = z.input<typeof createAccessKeyInput>;

export const updateAccessKeyStatusInput = z.object({
  status: z.enum(["Active", "Inactive"], { error: "status must be Active or Inactive" }),
});
