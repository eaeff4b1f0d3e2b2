/**
 * `process.env._X_AMZN_TRACE_ID`, as Lambda sets it for each invocation (the AWS SDK sends it on),
 * without writing the environment per call: a per-call write to process.env in the instance's
 * worker cost a warm noop call about a tenth of its throughput at c=8 (bench:tracing). Instead
 * process.env becomes a proxy over the instance's environment that answers this one key from the
 * call running now (call-scopes.ts) — so calls running at once in one instance each see their
 * own trace, where Lambda shows them the latest. A function that writes or deletes the key
 * changes it for its own call; every other key is the environment itself.
 */
import type { CallScope } from "@/lib/executor/host/call-scopes";

const TRACE_ENV = "_X_AMZN_TRACE_ID";

/** Installs the proxy (once per instance, after its environment is in place and before user code loads). */
export function installTraceEnv(current: () => CallScope): void {
  const env = process.env;
  const value = () => current().traceEnv ?? env[TRACE_ENV];
  process.env = new Proxy(env, {
    get: (t, k) => (k === TRACE_ENV ? value() : Reflect.get(t, k)),
    set: (t, k, v) => {
      if (k !== TRACE_ENV) return Reflect.set(t, k, v);
      current().traceEnv = String(v);
      return true;
    },
    deleteProperty: (t, k) => {
      if (k !== TRACE_ENV) return Reflect.deleteProperty(t, k);
      current().traceEnv = undefined;
      return Reflect.deleteProperty(t, k);
    },
    has: (t, k) => (k === TRACE_ENV ? value() !== undefined : Reflect.has(t, k)),
    ownKeys: (t) => {
      const keys = Reflect.ownKeys(t).filter((k) => k !== TRACE_ENV);
      if (value() !== undefined) keys.push(TRACE_ENV);
      return keys;
    },
    getOwnPropertyDescriptor: (t, k) => {
      if (k !== TRACE_ENV) return Reflect.getOwnPropertyDescriptor(t, k);
      const v = value();
      return v === undefined ? undefined : { value: v, writable: true, enumerable: true, configurable: true };
    },
  });
}
