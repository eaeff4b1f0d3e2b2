/**
 * The policy's RevisionId: a digest of its statements, so it changes with every AddPermission and
 * RemovePermission and a caller holding a stale one is refused (PreconditionFailedException).
 */
import { createHash } from "node:crypto";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";

type Tx = Prisma.TransactionClient;

export function policyRevision(rows: ReadonlyArray<{ sid: string; statement: unknown }>): string {
  const h = createHash("sha256");
  for (const r of [...rows].sort((a, b) => a.sid.localeCompare(b.sid))) h.update(JSON.stringify(r.statement));
  const s = h.digest("hex");
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20, 32)}`;
}

export async function assertPolicyRevision(tx: Tx, functionId: string, revisionId: string): Promise<void> {
  const rows = await tx.functionPermission.findMany({ where: { functionId }, select: { sid: true, statement: true } });
  if (policyRevision(rows) !== revisionId)
    throw new AppError(
      "PreconditionFailedException",
      "The Revision Id provided does not match the latest Revision Id. Call the GetPolicy API to retrieve the latest Revision Id",
    );
}
