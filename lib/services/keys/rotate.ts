/**
 * Master-key rotation: re-seals every code package and every function's secret variables
 * under the current key. Runs with a cipher that also holds the previous key
 * (NIMBUS_MASTER_KEY_PREVIOUS). Rows already under the current key are skipped by their key
 * id, so a rerun (or a second server doing the same) only finishes what is left. Each batch is
 * one transaction with its rows locked; a row that opens under neither key stops the rotation
 * with an error and that batch rolls back — nothing is re-sealed that could not be read first.
 */
import { AppError } from "../../errors";
import { CodeIntegrityError } from "../../crypto/code-cipher";
import type { ServiceContext } from "../context";
import { recordAudit } from "../audit/record";

export interface RotationResult {
  codePackages: number;
  secrets: number;
  keyId: string;
}

const NBE2 = Buffer.from("NBE2");

export async function rotateMasterKey(ctx: ServiceContext, opts: { batchSize?: number } = {}): Promise<RotationResult> {
  const cipher = ctx.codeCipher;
  const header = Buffer.concat([NBE2, Buffer.from(cipher.keyId, "hex")]);
  const batch = opts.batchSize ?? 100;
  await refuseUnknownKeys(ctx);
  const result: RotationResult = { codePackages: 0, secrets: 0, keyId: cipher.keyId };

  for (;;) {
    const n = await ctx.db.$transaction(async (tx) => {
      const rows = await tx.$queryRawUnsafe<{ sha256: string; zip: Uint8Array }[]>(
        `SELECT sha256, zip FROM code_packages WHERE substring(zip from 1 for 12) <> $1 ORDER BY sha256 LIMIT $2 FOR UPDATE SKIP LOCKED`,
        header,
        batch,
      );
      for (const r of rows) {
        const zip = openOrExplain(() => cipher.open(r.zip, r.sha256), `code package ${r.sha256}`);
        await tx.codePackage.update({ where: { sha256: r.sha256 }, data: { zip: new Uint8Array(cipher.seal(zip)) } });
      }
      return rows.length;
    });
    result.codePackages += n;
    if (n < batch) break;
  }

  for (;;) {
    const n = await ctx.db.$transaction(async (tx) => {
      const rows = await tx.$queryRawUnsafe<{ id: string; name: string; sealedSecrets: Uint8Array }[]>(
        `SELECT id, name, "sealedSecrets" FROM functions WHERE "sealedSecrets" IS NOT NULL AND substring("sealedSecrets" from 1 for 12) <> $1 ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED`,
        header,
        batch,
      );
      for (const r of rows) {
        const plain = openOrExplain(() => cipher.openBytes(r.sealedSecrets), `the secret variables of ${r.name}`);
        await tx.fn.update({ where: { id: r.id }, data: { sealedSecrets: new Uint8Array(cipher.sealBytes(plain)) } });
      }
      return rows.length;
    });
    result.secrets += n;
    if (n < batch) break;
  }

  if (result.codePackages + result.secrets > 0) {
    await ctx.db.$transaction((tx) => recordAudit(tx, ctx, "master-key.rotated", "master-key", { keyId: cipher.keyId, codePackages: result.codePackages, secrets: result.secrets }));
  }
  return result;
}

/** Before touching anything: every value sealed with a key id must name a key we hold. */
async function refuseUnknownKeys(ctx: ServiceContext): Promise<void> {
  const rows = await ctx.db.$queryRawUnsafe<{ kid: string; n: bigint }[]>(
    `SELECT encode(substring(v from 5 for 8), 'hex') AS kid, count(*) AS n FROM (
       SELECT zip AS v FROM code_packages UNION ALL SELECT "sealedSecrets" FROM functions WHERE "sealedSecrets" IS NOT NULL
     ) s WHERE substring(v from 1 for 4) = $1 GROUP BY 1`,
    NBE2,
  );
  const known = new Set(ctx.codeCipher.keyIds);
  const unknown = rows.filter((r) => !known.has(r.kid));
  if (unknown.length) {
    throw new AppError(
      "InvalidParameterValueException",
      `Master key rotation refused: ${unknown.map((r) => `${r.n} value(s) under key id ${r.kid}`).join(", ")} — neither NIMBUS_MASTER_KEY (${ctx.codeCipher.keyId}) nor NIMBUS_MASTER_KEY_PREVIOUS opens them. Nothing was re-sealed; check the previous key.`,
    );
  }
}

function openOrExplain<T>(open: () => T, what: string): T {
  try {
    return open();
  } catch (err) {
    if (err instanceof CodeIntegrityError) throw new AppError("InvalidParameterValueException", `Master key rotation stopped: ${what} opens under neither key (${err.message}); this batch was rolled back`);
    throw err;
  }
}
