/**
 * Master-key rotation: re-seals every code package and every function's secret variables
 * under the current key. Runs with a cipher that also holds the previous key
 * (NIMBUS_MASTER_KEY_PREVIOUS). Rows already under the current key are skipped by their key
 * id, so a rerun (or a second server doing the same) only finishes what is left. Each batch is
 * one transaction with its rows locked. A value naming a key id we do not hold stops the
 * rotation before anything is written (a wrong previous key); a value under a key we hold that
 * fails authentication was altered — it stays as it is, is reported, and never blocks the rest.
 */
import { AppError } from "@/lib/errors";
import { CodeIntegrityError } from "@/lib/crypto/data-cipher";
import type { ServiceContext } from "@/lib/services/context";
import { recordAudit } from "@/lib/services/audit/record";
import type { Logger } from "@/lib/log";

export interface RotationResult {
  codePackages: number;
  secrets: number;
  accessKeys: number;
  /** Values under a key we hold that fail authentication (altered in the database): left as they are. */
  unreadable: string[];
  keyId: string;
}

const NBE2 = Buffer.from("NBE2");

export async function rotateMasterKey(
  ctx: ServiceContext,
  opts: { batchSize?: number; log?: Logger } = {},
): Promise<RotationResult> {
  const cipher = ctx.dataCipher;
  const header = Buffer.concat([NBE2, Buffer.from(cipher.keyId, "hex")]);
  const batch = opts.batchSize ?? 100;
  await refuseUnknownKeys(ctx);
  const result: RotationResult = { codePackages: 0, secrets: 0, accessKeys: 0, unreadable: [], keyId: cipher.keyId };
  const tryOpen = <T>(open: () => T, what: string): T | null => {
    try {
      return open();
    } catch (err) {
      if (!(err instanceof CodeIntegrityError)) throw err;
      // Already unusable (it would be refused at invoke too); re-sealing it would only hide that.
      result.unreadable.push(what);
      opts.log?.warn(`rotation: ${what} does not open (${err.message}); left as it is`);
      return null;
    }
  };

  for (let last = ""; ; ) {
    const n = await ctx.db.$transaction(async (tx) => {
      const rows = await tx.$queryRawUnsafe<{ sha256: string; zip: Uint8Array }[]>(
        `SELECT sha256, zip FROM code_packages WHERE sha256 > $1 AND substring(zip from 1 for 12) <> $2
         ORDER BY sha256 LIMIT $3 FOR UPDATE SKIP LOCKED`,
        last,
        header,
        batch,
      );
      for (const r of rows) {
        last = r.sha256;
        const zip = tryOpen(() => cipher.open(r.zip, r.sha256), `code package ${r.sha256}`);
        if (!zip) continue;
        await tx.codePackage.update({ where: { sha256: r.sha256 }, data: { zip: new Uint8Array(cipher.seal(zip)) } });
        result.codePackages++;
      }
      return rows.length;
    });
    if (n < batch) break;
  }

  for (let last = "00000000-0000-0000-0000-000000000000"; ; ) {
    const n = await ctx.db.$transaction(async (tx) => {
      const rows = await tx.$queryRawUnsafe<{ id: string; name: string; sealedSecrets: Uint8Array }[]>(
        `SELECT id::text, name, "sealedSecrets" FROM functions
         WHERE id > $1::uuid AND "sealedSecrets" IS NOT NULL AND substring("sealedSecrets" from 1 for 12) <> $2
         ORDER BY id LIMIT $3 FOR UPDATE SKIP LOCKED`,
        last,
        header,
        batch,
      );
      for (const r of rows) {
        last = r.id;
        const plain = tryOpen(() => cipher.openBytes(r.sealedSecrets), `the secret variables of ${r.name}`);
        if (!plain) continue;
        await tx.fn.update({ where: { id: r.id }, data: { sealedSecrets: new Uint8Array(cipher.sealBytes(plain)) } });
        result.secrets++;
      }
      return rows.length;
    });
    if (n < batch) break;
  }

  // Access keys' secret halves (SigV4 needs them in the clear, so they are sealed, not hashed).
  const secrets = ctx.keyCipher;
  for (let last = ""; ; ) {
    const n = await ctx.db.$transaction(async (tx) => {
      const rows = await tx.$queryRawUnsafe<{ id: string; secretCipher: Uint8Array }[]>(
        `SELECT id, "secretCipher" FROM access_keys WHERE id > $1 AND substring("secretCipher" from 1 for 12) <> $2
         ORDER BY id LIMIT $3 FOR UPDATE SKIP LOCKED`,
        last,
        secrets.header,
        batch,
      );
      for (const r of rows) {
        last = r.id;
        let plain: string;
        try {
          plain = secrets.open(r.secretCipher, r.id);
        } catch (err) {
          result.unreadable.push(`access key ${r.id}`);
          opts.log?.warn(`rotation: access key ${r.id} does not open (${(err as Error).message}); left as it is`);
          continue;
        }
        await tx.$executeRawUnsafe(
          `UPDATE access_keys SET "secretCipher" = $1 WHERE id = $2`,
          new Uint8Array(secrets.seal(plain, r.id)),
          r.id,
        );
        result.accessKeys++;
      }
      return rows.length;
    });
    if (n < batch) break;
  }

  if (result.codePackages + result.secrets + result.accessKeys + result.unreadable.length > 0) {
    const details = {
      keyId: cipher.keyId,
      codePackages: result.codePackages,
      secrets: result.secrets,
      accessKeys: result.accessKeys,
      unreadable: result.unreadable.slice(0, 50),
    };
    await ctx.db.$transaction((tx) => recordAudit(tx, ctx, "master-key.rotated", "master-key", details));
  }
  return result;
}

/** Before touching anything: every value sealed with a key id must name a key we hold. */
async function refuseUnknownKeys(ctx: ServiceContext): Promise<void> {
  const rows = await ctx.db.$queryRawUnsafe<{ kid: string; n: bigint }[]>(
    `SELECT encode(substring(v from 5 for 8), 'hex') AS kid, count(*) AS n FROM (
       SELECT zip AS v FROM code_packages
       UNION ALL SELECT "sealedSecrets" FROM functions WHERE "sealedSecrets" IS NOT NULL
       UNION ALL SELECT "secretCipher" FROM access_keys WHERE substring("secretCipher" from 1 for 4) = 'NBS2'::bytea
     ) s WHERE substring(v from 1 for 4) IN ($1, 'NBS2'::bytea) GROUP BY 1`,
    NBE2,
  );
  const known = new Set(ctx.dataCipher.keyIds);
  const unknown = rows.filter((r) => !known.has(r.kid));
  if (unknown.length) {
    throw new AppError(
      "InvalidParameterValueException",
      `Master key rotation refused: ${unknown.map((r) => `${r.n} value(s) under key id ${r.kid}`).join(", ")} — ` +
        `neither NIMBUS_MASTER_KEY (${ctx.dataCipher.keyId}) nor NIMBUS_MASTER_KEY_PREVIOUS opens them. ` +
        "Nothing was re-sealed; check the previous key.",
    );
  }
}
