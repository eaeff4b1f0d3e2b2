/**
 * Function URLs (Lambda's FunctionUrlConfig): an HTTP endpoint per function, with its auth type
 * (NONE, or AWS_IAM: SigV4), CORS and invoke mode. Requests to it are served by lib/url.
 */
export { createFunctionUrl } from "@/lib/services/function-urls/create";
export { findFunctionUrl, getFunctionUrl, listFunctionUrls } from "@/lib/services/function-urls/get";
export { updateFunctionUrl } from "@/lib/services/function-urls/update";
export { deleteFunctionUrl } from "@/lib/services/function-urls/delete";
export { saveFunctionUrl, PUBLIC_STATEMENT_ID } from "@/lib/services/function-urls/save-console";
export { functionArnOf } from "@/lib/services/function-urls/arn";
export { newUrlId, type FunctionUrlRecord } from "@/lib/services/function-urls/record";
export type { AuthType, Cors, CreateUrlInput, InvokeMode, UpdateUrlInput } from "@/lib/services/function-urls/schemas";
