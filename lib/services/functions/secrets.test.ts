import { describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { createDataCipher } from "@/lib/crypto/data-cipher";
import { toRecord } from "@/lib/services/functions/record";
import { MASKED, openSecrets, secretRedactor, storeEnvironment } from "@/lib/services/functions/secrets";
import type { Fn } from "@/lib/generated/prisma/client";

const cipher = createDataCipher(randomBytes(32));

describe("secret variables", () => {
  it("redacts every secret value of 4+ characters, longest first, and leaves short ones alone", () => {
    const redact = secretRedactor({ A: "abcd", B: "abcdef", C: "xy" })!;
    expect(redact("key abcdef and abcd, xy")).toBe(`key ${MASKED} and ${MASKED}, xy`);
    expect(secretRedactor({ C: "xy" })).toBeNull();
  });

  it("keeps a secret sent back masked, seals the rest, and never stores a secret in plain", () => {
    const first = storeEnvironment(cipher, null, { T: "token-1", M: "m" }, ["T"]);
    expect(first.environment).toEqual({ M: "m" });
    const current = toRecord({
      environment: first.environment,
      secretNames: first.secretNames,
      sealedSecrets: first.sealedSecrets,
    } as unknown as Fn);
    expect(current.environment).toEqual({ M: "m", T: MASKED });
    const again = storeEnvironment(cipher, current, { T: MASKED, M: "n" });
    expect(openSecrets(cipher, again.sealedSecrets)).toEqual({ T: "token-1" });
    expect(again.diff).toEqual({ added: [], removed: [], changed: ["M"] });
    const unmarked = storeEnvironment(cipher, current, { T: MASKED, M: "m" }, []);
    expect(unmarked).toMatchObject({ environment: { T: "token-1", M: "m" }, secretNames: [], sealedSecrets: null });
    expect(() => storeEnvironment(cipher, current, { M: "m" }, ["X"])).toThrow(
      /must be among the environment variables: X/,
    );
  });
});
