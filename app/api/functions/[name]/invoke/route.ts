import { route, jsonBody } from "@/lib/http/route";
import { AppError } from "@/lib/errors";
import { invocationLines, renderLine } from "@/lib/logs/format";

type P = { name: string };

/**
 * A console test invocation: runs synchronously and returns result, figures and the full log.
 * The event comes as the editor's text (`eventJson`), passed to the function as it is — never
 * parsed and re-serialized here, so big numbers keep their digits and any depth the function
 * can parse works — or as a JSON value (`event`). The function's response goes back as the
 * JSON text it produced.
 */
export const POST = route<P>(async ({ req, params, platform }) => {
  const body = await jsonBody(req);
  const out = await platform.invoker.invoke({
    functionRef: params.name,
    payload: eventBytes(body),
    trigger: "console",
  });
  if (out.kind !== "sync") throw new Error("unexpected invocation kind");
  const r = out.result;
  const figures = JSON.stringify({
    requestId: out.requestId,
    status: r.outcome === "Success" ? "Succeeded" : "Failed",
    outcome: r.outcome,
    durationMs: r.durationMs,
    billedDurationMs: r.billedDurationMs,
    initDurationMs: r.initDurationMs ?? null,
    memorySizeMb: r.memorySizeMb,
    maxMemoryUsedMb: r.maxMemoryUsedMb,
    log: invocationLines(r, r.logs, out.executedVersion).map((l) => renderLine(l, out.requestId)),
  });
  const response = r.payload.byteLength ? r.payload.toString("utf8") : "null";
  return new Response(`${figures.slice(0, -1)},"response":${response}}`, {
    headers: { "Content-Type": "application/json" },
  });
});

function eventBytes(body: Record<string, unknown>): Buffer {
  if (typeof body.eventJson === "string") return Buffer.from(body.eventJson);
  if (body.eventJson !== undefined)
    throw new AppError("InvalidParameterValueException", "eventJson must be the event as JSON text", {
      field: "eventJson",
    });
  if (body.event === undefined) return Buffer.from("{}");
  try {
    return Buffer.from(JSON.stringify(body.event));
  } catch {
    throw new AppError(
      "InvalidRequestContentException",
      "The event is nested too deeply to be sent as a JSON value: send it as text in eventJson",
      { field: "event" },
    );
  }
}
