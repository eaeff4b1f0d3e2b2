export { createFirstAdmin } from "./create-first-admin";
export { applyAdminPassword, ADMIN_USERNAME } from "./apply-admin-password";
export { changePassword } from "./change-password";
export { hasUsers } from "./has-users";
export type { UserRecord } from "./schemas";
