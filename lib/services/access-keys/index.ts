export { createAccessKey } from "@/lib/services/access-keys/create";
export { listAccessKeys } from "@/lib/services/access-keys/list";
export { updateAccessKeyStatus } from "@/lib/services/access-keys/update-status";
export { deleteAccessKey } from "@/lib/services/access-keys/delete";
export { ensureRootAccessKey, type RootKeySetting } from "@/lib/services/access-keys/ensure-root";
export type { AccessKeyRecord, AccessKeyStatus } from "@/lib/services/access-keys/record";
