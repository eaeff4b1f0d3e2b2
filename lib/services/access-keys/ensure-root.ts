import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { ServiceContext } from "@/lib/services/context";
import { newAccessKeyId, newSecretAccessKey } from "@/lib/services/access-keys/generate";
import { recordAudit } from "@/lib/services/audit/record";
import type { Logger } from "@/lib/log";

export interface RootKeySetting {
  accessKeyId: string;
  secretAccessKey: string;
}

/**
 * At start. With NIMBUS_ROOT_* set: upsert that key as the active root (a new secret replaces
 * the old; a previous root key with another id is deactivated). Without: if no key is active,
 * generate a root key and write it, in AWS credentials-file format, to <data>/credentials (0600),
 * with <data>/config beside it (region and endpoint).
 */
export async function ensureRootAccessKey(
  ctx: ServiceContext,
  configured: RootKeySetting | null,
  opts: { dataDir: string; port: number; region: string; log: Logger },
): Promise<{ accessKeyId: string; generatedFile: string | null } | null> {
  if (configured) {
    const { accessKeyId: id, secretAccessKey } = configured;
    const sealed = new Uint8Array(ctx.keyCipher.seal(secretAccessKey, id));
    const replaced = await ctx.db.$transaction(async (tx) => {
      const old = await tx.accessKey.findMany({
        where: { root: true, status: "Active", NOT: { id } },
        select: { id: true },
      });
      const existing = await tx.accessKey.findUnique({ where: { id } });
      let same = false;
      try {
        same =
          !!existing &&
          existing.root &&
          existing.status === "Active" &&
          ctx.keyCipher.open(existing.secretCipher, id) === secretAccessKey;
      } catch {
        /* sealed under a key we no longer hold: replaced below */
      }
      // Every start upserts; only a real change (new key, new secret, reactivation, rotation) is an audit entry.
      if (!same || old.length)
        await recordAudit(tx, ctx, existing ? "access-key.rotate-root" : "access-key.create", id, {
          root: true,
          source: "NIMBUS_ROOT_ACCESS_KEY_ID",
          deactivated: old.map((o) => o.id),
        });
      await tx.accessKey.updateMany({ where: { root: true, NOT: { id } }, data: { status: "Inactive" } });
      await tx.accessKey.upsert({
        where: { id },
        create: { id, secretCipher: sealed, root: true, description: "Root key (NIMBUS_ROOT_ACCESS_KEY_ID)" },
        update: { secretCipher: sealed, root: true, status: "Active" },
      });
      return old.map((o) => o.id);
    });
    for (const k of [id, ...replaced]) ctx.accessKeyChanged?.(k);
    if (replaced.length) opts.log.info(`root access key rotated to ${id}; deactivated ${replaced.join(", ")}`);
    return { accessKeyId: id, generatedFile: null };
  }

  if ((await ctx.db.accessKey.count({ where: { status: "Active" } })) > 0) return null;
  const id = newAccessKeyId();
  const secret = newSecretAccessKey();
  const file = path.join(opts.dataDir, "credentials");
  const config = path.join(opts.dataDir, "config");
  mkdirSync(opts.dataDir, { recursive: true });
  // Written before the row commits: a key nobody can read would lock the API until the next start.
  writeFileSync(file, `[default]\naws_access_key_id = ${id}\naws_secret_access_key = ${secret}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  // A credentials file carries no region, and every AWS CLI and SDK wants one: the config file beside
  // it has the region, and the endpoint for the CLIs and SDKs that read endpoint_url from it.
  writeFileSync(config, configFile(opts.region, `http://localhost:${opts.port}`), { mode: 0o600 });
  await ctx.db.$transaction(async (tx) => {
    await tx.accessKey.updateMany({ where: { root: true }, data: { root: false } });
    await tx.accessKey.create({
      data: {
        id,
        secretCipher: new Uint8Array(ctx.keyCipher.seal(secret, id)),
        root: true,
        description: "Root key (generated at first start)",
      },
    });
    await recordAudit(tx, ctx, "access-key.create", id, {
      root: true,
      source: "generated at first start",
      credentialsFile: file,
    });
  });
  ctx.accessKeyChanged?.(id);
  opts.log.info(
    `no access key was active: generated root key ${id}, credentials in ${file} — try it with ` +
      cliHint(opts.dataDir, opts.port),
  );
  return { accessKeyId: id, generatedFile: file };
}

/** The AWS config file written beside the credentials: region and endpoint, for the default profile. */
export function configFile(region: string, endpoint: string): string {
  return `[default]\nregion = ${region}\nendpoint_url = ${endpoint}\n`;
}

/**
 * The command to try the generated key with, exactly as it works when pasted: both files named (the
 * config has the region), and --endpoint-url too, as AWS CLI v1 and v2 before 2.13 read no endpoint_url.
 */
export function cliHint(dataDir: string, port: number): string {
  const dir = path.relative(process.cwd(), dataDir) || ".";
  const at = dir.startsWith("..") ? dataDir : dir;
  return (
    `AWS_CONFIG_FILE=${path.join(at, "config")} AWS_SHARED_CREDENTIALS_FILE=${path.join(at, "credentials")} ` +
    `aws lambda list-functions --endpoint-url http://localhost:${port}`
  );
}
