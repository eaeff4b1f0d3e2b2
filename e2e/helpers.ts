import type { Page } from "@playwright/test";
import { LambdaClient } from "@aws-sdk/client-lambda";

/** The root key the e2e server is started with (playwright.config.ts); specs sign Lambda API calls with it. */
export const E2E_ROOT_ACCESS_KEY_ID = "NIMBE2EROOTKEY000001";
export const E2E_ROOT_SECRET_ACCESS_KEY = "E2eRootSecretKey/ForNimbus+Specs00000000";

export function e2eLambda(baseURL: string | undefined): LambdaClient {
  return new LambdaClient({ endpoint: baseURL, region: "us-east-1", credentials: { accessKeyId: E2E_ROOT_ACCESS_KEY_ID, secretAccessKey: E2E_ROOT_SECRET_ACCESS_KEY }, maxAttempts: 1 });
}

/** Collects every request that leaves localhost (the console must work offline). */
export function watchOffHost(page: Page): string[] {
  const off: string[] = [];
  page.on("request", (r) => {
    const host = new URL(r.url()).hostname;
    if (host !== "localhost" && host !== "127.0.0.1") off.push(r.url());
  });
  return off;
}

export const shot = (page: Page, name: string) => page.screenshot({ path: `e2e/screenshots/${name}.png`, fullPage: true });
