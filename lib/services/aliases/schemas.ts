/** Validation for aliases: Lambda's name and version patterns, and RoutingConfig's single weighted version. */
import { z } from "zod";
import { description } from "@/lib/services/functions/schemas";

export const aliasName = z
  .string()
  .regex(
    /^(?!^[0-9]+$)[a-zA-Z0-9_-]{1,128}$/,
    "Alias name must be 1–128 letters, digits, '-' or '_', and not only digits",
  );

export const functionVersion = z
  .string()
  .regex(/^(\$LATEST|[1-9][0-9]{0,9})$/, "FunctionVersion must be $LATEST or a published version number");

/** RoutingConfig.AdditionalVersionWeights: at most one more version, with the share of traffic it gets. */
export const routing = z
  .object({
    additionalVersion: z.string().regex(/^[1-9][0-9]{0,9}$/, "The additional version must be a published version"),
    weight: z
      .number({ error: "The weight must be a number" })
      .min(0, "The weight must be between 0.0 and 1.0")
      .max(1, "The weight must be between 0.0 and 1.0"),
  })
  .nullable();

export const createAliasInput = z.object({
  name: aliasName,
  functionVersion,
  description: description.default(""),
  routing: routing.default(null),
});
export type CreateAliasInput = z.input<typeof createAliasInput>;

export const updateAliasInput = z.object({
  functionVersion: functionVersion.optional(),
  description: description.optional(),
  routing: routing.optional(),
  revisionId: z.string().max(64).optional(),
});
export type UpdateAliasInput = z.input<typeof updateAliasInput>;

export const listAliasesInput = z.object({
  functionVersion: functionVersion.optional(),
  marker: z.string().max(128).optional(),
  maxItems: z
    .number()
    .int("MaxItems must be a whole number")
    .min(1, "MaxItems must be between 1 and 10000")
    .max(10_000, "MaxItems must be between 1 and 10000")
    .default(50),
});
