import type { AccessKey } from "@/lib/generated/prisma/client";

export type AccessKeyStatus = "Active" | "Inactive";

/** What leaves the service about a key: never its secret. */
export interface AccessKeyRecord {
  accessKeyId: string;
  description: string;
  status: AccessKeyStatus;
  root: boolean;
  createdAt: Date;
  lastUsedAt: Date | null;
}

export function toAccessKeyRecord(row: AccessKey): AccessKeyRecord {
  return {
    accessKeyId: row.id,
    description: row.description,
    status: row.status === "Active" ? "Active" : "Inactive",
    root: row.root,
    createdAt: row.createdAt,
    lastUsedAt: row.lastUsedAt,
  };
}
