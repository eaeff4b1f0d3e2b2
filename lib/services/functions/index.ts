export { createFunction } from "./create";
export { getFunctionOrThrow, getFunctionCode } from "./get";
export { listFunctions } from "./list";
export { updateFunctionCode } from "./update-code";
export { updateFunctionConfiguration } from "./update-configuration";
export { deleteFunction } from "./delete";
export { putFunctionConcurrency } from "./put-concurrency";
export { deleteFunctionConcurrency } from "./delete-concurrency";
export type { FunctionRecord } from "./record";
