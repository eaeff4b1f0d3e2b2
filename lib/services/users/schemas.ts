import { z } from "zod";

export const username = z
  .string({ error: "Enter a username" })
  .trim()
  .min(1, "Enter a username")
  .max(64, "Username must be at most 64 characters")
  .regex(/^[A-Za-z0-9._@-]+$/, "Username may contain only letters, digits and . _ @ -");

export const newPassword = z
  .string({ error: "Enter a password" })
  .min(8, "Password must be at least 8 characters")
  .max(1024, "Password must be at most 1024 characters");

/** Any string up to the cap: a login never tells which rule a guess broke. */
export const givenPassword = z
  .string({ error: "Enter a password" })
  .min(1, "Enter a password")
  .max(1024, "Password must be at most 1024 characters");

export const setupInput = z.object({
  username: username.default("admin"),
  password: newPassword,
  setupCode: z.string({ error: "Enter the setup code" }).trim().min(1, "Enter the setup code").max(100),
});
export type SetupInput = z.input<typeof setupInput>;

export const changePasswordInput = z.object({
  currentPassword: givenPassword,
  newPassword,
});
export type ChangePasswordInput = z.input<typeof changePasswordInput>;

export interface UserRecord {
  id: string;
  username: string;
  createdAt: Date;
  passwordChangedAt: Date;
}

export const toUserRecord = (u: UserRecord): UserRecord => ({
  id: u.id,
  username: u.username,
  createdAt: u.createdAt,
  passwordChangedAt: u.passwordChangedAt,
});
