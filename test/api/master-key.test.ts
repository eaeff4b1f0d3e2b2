import { describe, expect, it } from "vitest";
import { CreateFunctionCommand, InvokeCommand } from "@aws-sdk/client-lambda";
import { createHash } from "node:crypto";
import { lambdaClient, signedFetch, startTestServer, TEST_MASTER_KEY, uniqueName, zipOf } from "@/test/server";
import { updateFunctionConfiguration } from "@/lib/services/functions";
import { createDataCipher, parseMasterKey } from "@/lib/crypto/data-cipher";
import { rotateMasterKey } from "@/lib/services/keys/rotate";
import { listAuditEvents } from "@/lib/services/audit/list";
import type pg from "pg";

const NEW_KEY = "22".repeat(32);
const keyId = (k: string) => createHash("sha256").update(parseMasterKey(k)).digest().subarray(0, 8).toString("hex");
const snapshot = async (pool: pg.Pool) => {
  const code = await pool.query(`SELECT sha256, encode(zip, 'hex') AS v FROM code_packages ORDER BY 1`);
  const secrets = await pool.query(
    `SELECT id, encode("sealedSecrets", 'hex') AS v FROM functions WHERE "sealedSecrets" IS NOT NULL ORDER BY 1`,
  );
  return JSON.stringify([code.rows, secrets.rows]);
};
/** Key ids of one function's code package and secrets (other test files leave altered rows behind, which rotation skips). */
const keyIdsOf = async (pool: pg.Pool, name: string) =>
  (
    await pool.query(
      `SELECT DISTINCT encode(substring(v from 5 for 8), 'hex') AS k FROM (SELECT p.zip v FROM code_packages p JOIN functions f ON f."codeSha256" = p.sha256 WHERE f.name = $1 UNION ALL SELECT "sealedSecrets" FROM functions WHERE name = $1) s`,
      [name],
    )
  ).rows.map((r) => r.k);

describe("master-key rotation", () => {
  it("re-seals every code package and secret set under the new key; functions still run, downloads verify; a rerun does nothing", async () => {
    const name = uniqueName("rotated");
    const altered = uniqueName("altered");
    const before = await startTestServer();
    try {
      await lambdaClient(before.url).send(
        new CreateFunctionCommand({
          FunctionName: name,
          Role: "r",
          Runtime: "nodejs20.x",
          Handler: "index.handler",
          Code: { ZipFile: zipOf(`export const handler = async () => process.env.TOKEN;`) },
        }),
      );
      await updateFunctionConfiguration(before.platform.services, name, {
        environment: { TOKEN: "tok-123456" },
        secretNames: ["TOKEN"],
      });
      // A second function whose sealed secrets are then altered in PostgreSQL.
      await lambdaClient(before.url).send(
        new CreateFunctionCommand({
          FunctionName: altered,
          Role: "r",
          Runtime: "nodejs20.x",
          Handler: "index.handler",
          Code: { ZipFile: zipOf(`export const handler = async () => 2;`) },
        }),
      );
      await updateFunctionConfiguration(before.platform.services, altered, {
        environment: { TOKEN: "other-token" },
        secretNames: ["TOKEN"],
      });
      await before.platform.db.pool.query(
        `UPDATE functions SET "sealedSecrets" = set_byte("sealedSecrets", 40, get_byte("sealedSecrets", 40) # 1) WHERE name = $1`,
        [altered],
      );
    } finally {
      await before.close();
    }

    const srv = await startTestServer({ NIMBUS_MASTER_KEY: NEW_KEY, NIMBUS_MASTER_KEY_PREVIOUS: TEST_MASTER_KEY });
    try {
      const result = await srv.platform.keyRotation;
      expect(result).toMatchObject({ keyId: keyId(NEW_KEY) });
      expect(result!.codePackages).toBeGreaterThanOrEqual(1);
      expect(result!.secrets).toBeGreaterThanOrEqual(1);
      expect(await keyIdsOf(srv.platform.db.pool, name)).toEqual([keyId(NEW_KEY)]);
      // The altered value is reported and left as it is; it does not stop the rest.
      expect(result!.unreadable).toContain(`the secret variables of ${altered}`);
      expect((await keyIdsOf(srv.platform.db.pool, altered)).sort()).toEqual(
        [keyId(NEW_KEY), keyId(TEST_MASTER_KEY)].sort(),
      );
      const [entry] = (await listAuditEvents(srv.platform.services, { action: "master-key.rotated", limit: 1 })).items;
      expect(entry).toMatchObject({
        actorType: "system",
        resource: "master-key",
        details: { keyId: keyId(NEW_KEY), codePackages: result!.codePackages, secrets: result!.secrets },
      });
      expect(await rotateMasterKey(srv.platform.services)).toMatchObject({ codePackages: 0, secrets: 0 });
    } finally {
      await srv.close();
    }

    // Only the new key from here on: the function runs with its secret, its code downloads intact.
    const after = await startTestServer({ NIMBUS_MASTER_KEY: NEW_KEY });
    try {
      const r = await lambdaClient(after.url).send(new InvokeCommand({ FunctionName: name }));
      expect(new TextDecoder().decode(r.Payload)).toBe('"tok-123456"');
      expect((await signedFetch(`${after.url}/nimbus/code/${name}.zip`)).status).toBe(200);

      // A wrong previous key: a clear error, and not one byte changed.
      const wrong = {
        ...after.platform.services,
        dataCipher: createDataCipher(parseMasterKey("33".repeat(32)), parseMasterKey("44".repeat(32))),
      };
      const untouched = await snapshot(after.platform.db.pool);
      await expect(rotateMasterKey(wrong)).rejects.toMatchObject({
        code: "InvalidParameterValueException",
        message: expect.stringMatching(
          /neither NIMBUS_MASTER_KEY .* nor NIMBUS_MASTER_KEY_PREVIOUS opens them\. Nothing was re-sealed/,
        ),
      });
      expect(await snapshot(after.platform.db.pool)).toBe(untouched);

      // Back to the key the other test files use (they share this database).
      const back = {
        ...after.platform.services,
        dataCipher: createDataCipher(parseMasterKey(TEST_MASTER_KEY), parseMasterKey(NEW_KEY)),
      };
      await rotateMasterKey(back);
      expect(await keyIdsOf(after.platform.db.pool, name)).toEqual([keyId(TEST_MASTER_KEY)]);
    } finally {
      await after.close();
    }
  });
});
