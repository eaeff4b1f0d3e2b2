export { createFirstAdmin } from "@/lib/services/users/create-first-admin";
export { applyAdminPassword, ADMIN_USERNAME } from "@/lib/services/users/apply-admin-password";
export { changePassword } from "@/lib/services/users/change-password";
export { hasUsers } from "@/lib/services/users/has-users";
export type { UserRecord } from "@/lib/services/users/schemas";
