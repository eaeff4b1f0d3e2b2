import type { Prisma } from "@/lib/generated/prisma/client";
import type { DataCipher } from "@/lib/crypto/data-cipher";

type Tx = Prisma.TransactionClient;

/**
 * Writers of one package take a transaction-scoped lock on its hash first, so that a create
 * that reuses a package and a delete of its last other user cannot interleave (the delete
 * counts users only once the create has committed or not started).
 */
async function lockPackage(tx: Tx, sha256: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`code:${sha256}`}, 0))`;
}

/** Code is content-addressed (identical packages are stored once) and sealed at rest. */
export async function storeCodePackage(tx: Tx, sha256: string, zip: Uint8Array, cipher: DataCipher): Promise<void> {
  await lockPackage(tx, sha256);
  // Concurrent creators of the same package: one inserts, the others find it (never a unique violation).
  const exists = await tx.codePackage.findUnique({ where: { sha256 }, select: { sha256: true } });
  if (exists) return;
  await tx.codePackage.create({ data: { sha256, zip: new Uint8Array(cipher.seal(zip)), size: zip.byteLength } });
}

/** Removes a package no function and no published version refers to any more. */
export async function dropUnusedCodePackage(tx: Tx, sha256: string): Promise<void> {
  await lockPackage(tx, sha256);
  const users =
    (await tx.fn.count({ where: { codeSha256: sha256 } })) +
    (await tx.functionVersion.count({ where: { codeSha256: sha256 } }));
  if (users === 0) await tx.codePackage.deleteMany({ where: { sha256 } });
}

/** A unique violation; with `column`, only one on the unique constraint of that column (`<table>_<column>_key`). */
export function isUniqueViolation(err: unknown, column?: string): boolean {
  if (typeof err !== "object" || err === null || (err as { code?: string }).code !== "P2002") return false;
  if (!column) return true;
  type Meta = {
    target?: unknown;
    driverAdapterError?: { cause?: { constraint?: { fields?: unknown; index?: unknown } } };
  };
  const meta = (err as { meta?: Meta }).meta;
  const constraint = meta?.driverAdapterError?.cause?.constraint;
  const fields = [meta?.target, constraint?.fields].flat().map((f) => String(f).replaceAll('"', ""));
  return (
    fields.includes(column) || (typeof constraint?.index === "string" && constraint.index.endsWith(`_${column}_key`))
  );
}
