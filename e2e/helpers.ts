import type { Page } from "@playwright/test";

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
