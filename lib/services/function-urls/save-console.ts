/**
 * The console's one form for a function URL: create it or change it; and for AuthType NONE make
 * sure the resource policy lets anyone in, as the AWS console adds FunctionURLAllowPublicAccess
 * when a user picks NONE (the Lambda API leaves that to the caller).
 */
import type { ServiceContext } from "@/lib/services/context";
import { createFunctionUrl } from "@/lib/services/function-urls/create";
import { findFunctionUrl } from "@/lib/services/function-urls/get";
import type { FunctionUrlRecord } from "@/lib/services/function-urls/record";
import type { CreateUrlInput } from "@/lib/services/function-urls/schemas";
import { updateFunctionUrl } from "@/lib/services/function-urls/update";
import { addPermission } from "@/lib/services/permissions/add";
import { getPolicy } from "@/lib/services/permissions/get-policy";
import { allowsPublicUrl } from "@/lib/services/permissions/policy";

export const PUBLIC_STATEMENT_ID = "FunctionURLAllowPublicAccess";

export async function saveFunctionUrl(
  ctx: ServiceContext,
  functionName: string,
  input: CreateUrlInput,
): Promise<FunctionUrlRecord> {
  const exists = (await findFunctionUrl(ctx, functionName)) !== null;
  const saved = exists
    ? await updateFunctionUrl(ctx, functionName, null, { ...input, cors: input.cors ?? null })
    : await createFunctionUrl(ctx, functionName, null, input);
  if (saved.authType === "NONE") {
    const statements = await getPolicy(ctx, functionName).then(
      (p) => p.statements,
      () => [],
    );
    if (!allowsPublicUrl(statements)) {
      await addPermission(ctx, functionName, null, {
        statementId: statements.some((s) => s.Sid === PUBLIC_STATEMENT_ID)
          ? `${PUBLIC_STATEMENT_ID}-${Date.now()}`
          : PUBLIC_STATEMENT_ID,
        action: "lambda:InvokeFunctionUrl",
        principal: "*",
        functionUrlAuthType: "NONE",
      });
    }
  }
  return saved;
}
