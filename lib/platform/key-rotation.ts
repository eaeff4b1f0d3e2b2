/** Re-sealing under the current master key, started when NIMBUS_MASTER_KEY_PREVIOUS is set (docs/security.md). */
import type { Logger } from "@/lib/log";
import type { ServiceContext } from "@/lib/services/context";
import { rotateMasterKey, type RotationResult } from "@/lib/services/keys/rotate";

/** In the background: rows under either key open meanwhile, so serving need not wait. Null when it failed (logged). */
export function startKeyRotation(services: ServiceContext, security: Logger): Promise<RotationResult | null> {
  return rotateMasterKey(services, { log: security }).then(
    (r) => {
      security.info(
        `master key rotation: ${r.codePackages} code package(s) and ${r.secrets} secret set(s) ` +
          `re-sealed under key id ${r.keyId}` +
          (r.unreadable.length ? `; ${r.unreadable.length} altered value(s) left as they are` : ""),
      );
      return r;
    },
    (err: Error) => {
      security.error(err.message);
      return null;
    },
  );
}
