import type { NimbusRuntime } from "@/lib/runtime/types";

/**
 * The server entry and Next's bundled route handlers are different module instances;
 * the runtime lives on globalThis so both see the same one.
 */
const KEY = Symbol.for("nimbus.runtime");

type Holder = { [KEY]?: NimbusRuntime };

export function setRuntime(rt: NimbusRuntime | undefined): void {
  (globalThis as Holder)[KEY] = rt;
}

export function getRuntime(): NimbusRuntime {
  const rt = (globalThis as Holder)[KEY];
  if (!rt) throw new Error("The Nimbus runtime is not started (run the server with `npm start`).");
  return rt;
}

export function peekRuntime(): NimbusRuntime | undefined {
  return (globalThis as Holder)[KEY];
}
