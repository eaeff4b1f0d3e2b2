export { createAccessKey } from "./create";
export { listAccessKeys } from "./list";
export { updateAccessKeyStatus } from "./update-status";
export { deleteAccessKey } from "./delete";
export { ensureRootAccessKey, type RootKeySetting } from "./ensure-root";
export type { AccessKeyRecord, AccessKeyStatus } from "./record";
