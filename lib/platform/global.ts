import type { Platform } from "@/lib/platform/types";

/**
 * The server entry and Next's bundled route handlers are different module instances;
 * the platform lives on globalThis so both see the same one.
 */
const KEY = Symbol.for("nimbus.platform");

type Holder = { [KEY]?: Platform };

export function setPlatform(platform: Platform | undefined): void {
  (globalThis as Holder)[KEY] = platform;
}

export function getPlatform(): Platform {
  const platform = (globalThis as Holder)[KEY];
  if (!platform) throw new Error("The Nimbus platform is not started (run the server with `npm start`).");
  return platform;
}

export function peekPlatform(): Platform | undefined {
  return (globalThis as Holder)[KEY];
}
