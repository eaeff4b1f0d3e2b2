export { createAlias } from "@/lib/services/aliases/create";
export { getAlias } from "@/lib/services/aliases/get";
export { updateAlias } from "@/lib/services/aliases/update";
export { deleteAlias } from "@/lib/services/aliases/delete";
export { listAliases } from "@/lib/services/aliases/list";
export { versionsOf, type AliasRecord } from "@/lib/services/aliases/record";
export type { CreateAliasInput, UpdateAliasInput } from "@/lib/services/aliases/schemas";
