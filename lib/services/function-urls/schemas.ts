/** Lambda's FunctionUrlConfig fields, with Lambda's limits and names. */
import { z } from "zod";

export const AUTH_TYPES = ["NONE", "AWS_IAM"] as const;
export const INVOKE_MODES = ["BUFFERED", "RESPONSE_STREAM"] as const;
export type AuthType = (typeof AUTH_TYPES)[number];
export type InvokeMode = (typeof INVOKE_MODES)[number];

const list = (what: string, max: number, each: number) =>
  z
    .array(z.string().min(1).max(each, `${what} entries must be at most ${each} characters`), {
      error: `${what} must be a list of strings`,
    })
    .max(max, `${what} allows at most ${max} entries`);

/** Lambda's Cors object; every field optional. */
export const cors = z
  .object({
    AllowCredentials: z.boolean({ error: "Cors.AllowCredentials must be true or false" }).optional(),
    AllowHeaders: list("Cors.AllowHeaders", 100, 1024).optional(),
    AllowMethods: list("Cors.AllowMethods", 6, 6)
      .refine(
        (ms) => ms.every((m) => m === "*" || /^[A-Z]+$/.test(m)),
        "Cors.AllowMethods entries are methods (GET, POST, …) or *",
      )
      .optional(),
    AllowOrigins: list("Cors.AllowOrigins", 100, 253).optional(),
    ExposeHeaders: list("Cors.ExposeHeaders", 100, 1024).optional(),
    MaxAge: z
      .number()
      .int()
      .min(0, "Cors.MaxAge must be between 0 and 86400")
      .max(86400, "Cors.MaxAge must be between 0 and 86400")
      .optional(),
  })
  .strict();
export type Cors = z.infer<typeof cors>;

export const authType = z.enum(AUTH_TYPES, { error: "AuthType must be NONE or AWS_IAM" });
export const invokeMode = z.enum(INVOKE_MODES, { error: "InvokeMode must be BUFFERED or RESPONSE_STREAM" });

export const createUrlInput = z.object({
  authType,
  cors: cors.nullish(),
  invokeMode: invokeMode.default("BUFFERED"),
});
export type CreateUrlInput = z.input<typeof createUrlInput>;

export const updateUrlInput = z.object({
  authType: authType.optional(),
  cors: cors.nullish(),
  invokeMode: invokeMode.optional(),
});
export type UpdateUrlInput = z.input<typeof updateUrlInput>;
