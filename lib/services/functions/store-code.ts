import type { Prisma } from "../../generated/prisma/client";
import type { CodeCipher } from "../../crypto/code-cipher";

type Tx = Prisma.TransactionClient;

/** Code is content-addressed (identical packages are stored once) and sealed at rest. */
export async function storeCodePackage(tx: Tx, sha256: string, zip: Uint8Array, cipher: CodeCipher): Promise<void> {
  await tx.codePackage.upsert({
    where: { sha256 },
    create: { sha256, zip: new Uint8Array(cipher.seal(zip)), size: zip.byteLength },
    update: {},
  });
}

/** Removes a package no function refers to any more. */
export async function dropUnusedCodePackage(tx: Tx, sha256: string): Promise<void> {
  const users = await tx.fn.count({ where: { codeSha256: sha256 } });
  if (users === 0) await tx.codePackage.deleteMany({ where: { sha256 } });
}

export function isUniqueViolation(err: unknown): boolean {
  return typeof err === "object" && err !== null && (err as { code?: string }).code === "P2002";
}
