import { AppError, notFound } from "@/lib/errors";
import { CodeIntegrityError } from "@/lib/crypto/data-cipher";
import type { ServiceContext } from "@/lib/services/context";
import { toRecord, type FunctionRecord } from "@/lib/services/functions/record";
import { SYSTEM_ACTOR } from "@/lib/services/audit/actor";

export async function getFunctionOrThrow(ctx: ServiceContext, name: string): Promise<FunctionRecord> {
  const row = await ctx.db.fn.findUnique({ where: { name } });
  if (!row)
    throw notFound(
      `Function not found: arn:aws:lambda:${ctx.settings.NIMBUS_REGION}:${ctx.settings.NIMBUS_ACCOUNT_ID}:` +
        `function:${name}`,
    );
  return toRecord(row);
}

/** The code package (zip bytes) of the function, or of the version `fetch` returns. */
export async function getFunctionCode(
  ctx: ServiceContext,
  name: string,
  fetch: (ctx: ServiceContext, name: string) => Promise<FunctionRecord> = getFunctionOrThrow,
): Promise<{ fn: FunctionRecord; zip: Uint8Array }> {
  const fn = await fetch(ctx, name);
  const pkg = await ctx.db.codePackage.findUnique({ where: { sha256: fn.codeSha256 } });
  if (!pkg) throw notFound(`Code package ${fn.codeSha256} of ${name} is missing`);
  try {
    return { fn, zip: ctx.dataCipher.open(pkg.zip, fn.codeSha256) };
  } catch (err) {
    if (err instanceof CodeIntegrityError) {
      // Detected by the system, whoever asked for the download.
      await ctx.db.auditEvent.create({
        data: {
          actorType: SYSTEM_ACTOR.type,
          actor: SYSTEM_ACTOR.id,
          action: "security.code-tampered",
          resource: name,
          details: { codeSha256: fn.codeSha256, reason: err.message, refused: "download" },
        },
      });
      throw new AppError(
        "ServiceException",
        `The stored code of ${name} failed its integrity check and is not served: ${err.message}`,
      );
    }
    throw err;
  }
}
