/** AddPermission's input, with Lambda's patterns and messages. */
import { z } from "zod";

export const addPermissionInput = z.object({
  statementId: z
    .string({ error: "StatementId is required" })
    .regex(/^[a-zA-Z0-9_.-]{1,100}$/, "StatementId must be 1-100 letters, digits, '-', '_' or '.'"),
  action: z
    .string({ error: "Action is required" })
    .regex(/^(lambda:[*]|lambda:[a-zA-Z]+|[*])$/, "Action must look like lambda:InvokeFunction, lambda:* or *"),
  principal: z.string({ error: "Principal is required" }).min(1).max(256),
  sourceArn: z.string().max(1024).optional(),
  sourceAccount: z
    .string()
    .regex(/^\d{12}$/, "SourceAccount must be a 12-digit account id")
    .optional(),
  principalOrgId: z.string().max(34).optional(),
  functionUrlAuthType: z.enum(["NONE", "AWS_IAM"], { error: "FunctionUrlAuthType must be NONE or AWS_IAM" }).optional(),
  revisionId: z.string().optional(),
});
export type AddPermissionInput = z.input<typeof addPermissionInput>;
