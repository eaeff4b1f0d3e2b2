import { route, jsonBody } from "@/lib/http/route";
import { invocationLines, renderLine } from "@/lib/logs/format";

type P = { name: string };

/** A console test invocation: runs synchronously and returns result, figures and the full log. */
export const POST = route<P>(async ({ req, params, rt }) => {
  const body = await jsonBody(req);
  const event = body.event === undefined ? {} : body.event;
  const out = await rt.invoker.invoke({ functionRef: params.name, payload: Buffer.from(JSON.stringify(event)), trigger: "console" });
  if (out.kind !== "sync") throw new Error("unexpected invocation kind");
  const r = out.result;
  return {
    requestId: out.requestId,
    status: r.outcome === "Success" ? "Succeeded" : "Failed",
    outcome: r.outcome,
    response: JSON.parse(r.payload.toString("utf8")),
    durationMs: r.durationMs,
    billedDurationMs: r.billedDurationMs,
    initDurationMs: r.initDurationMs ?? null,
    memorySizeMb: r.memorySizeMb,
    maxMemoryUsedMb: r.maxMemoryUsedMb,
    log: invocationLines(r, r.logs, out.executedVersion).map((l) => renderLine(l, out.requestId)),
  };
});
