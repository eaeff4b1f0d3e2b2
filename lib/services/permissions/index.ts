/** A function's resource-based policy: AddPermission, RemovePermission, GetPolicy. */
export { addPermission } from "@/lib/services/permissions/add";
export { removePermission } from "@/lib/services/permissions/remove";
export { getPolicy } from "@/lib/services/permissions/get-policy";
export { allowsPublicUrl, policyDocument, type PolicyStatement } from "@/lib/services/permissions/policy";
export type { AddPermissionInput } from "@/lib/services/permissions/schemas";
