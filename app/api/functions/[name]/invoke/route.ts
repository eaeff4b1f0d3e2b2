import { route, jsonBody } from "@/lib/http/route";
import { AppError, toAppError } from "@/lib/errors";
import type { ResponseSink } from "@/lib/executor/types";
import { lineStream, NDJSON_HEADERS } from "@/lib/http/line-stream";
import type { InvokeOutcome } from "@/lib/invoke/invoker";
import { log } from "@/lib/log";
import type { Platform } from "@/lib/platform/types";
import { invocationLines, renderLine } from "@/lib/logs/format";

type P = { name: string };

/**
 * A console test invocation: runs synchronously and returns result, figures and the full log.
 * The event comes as the editor's text (`eventJson`), passed to the function as it is — never
 * parsed and re-serialized here, so big numbers keep their digits and any depth the function
 * can parse works — or as a JSON value (`event`). The function's response goes back as the
 * JSON text it produced.
 *
 * With `Accept: application/x-ndjson` the answer is a line stream instead, so the Test tab shows a
 * streaming function's bytes as they are written: {t:"start",contentType}, {t:"chunk",text}…, then
 * {t:"result", …figures, responseText} or {t:"error", code, message}.
 */
export const POST = route<P>(async ({ req, params, platform }) => {
  const body = await jsonBody(req);
  const payload = eventBytes(body);
  if (req.headers.get("accept")?.includes("application/x-ndjson")) {
    await platform.invoker.resolve(params.name); // an unknown function is a plain 404, before the stream
    return streamed(platform, params.name, payload);
  }
  const out = await platform.invoker.invoke({ functionRef: params.name, payload, trigger: "console" });
  const figures = JSON.stringify(figuresOf(out));
  const r = syncResult(out);
  const response = r.payload.byteLength ? r.payload.toString("utf8") : "null";
  return new Response(`${figures.slice(0, -1)},"response":${response}}`, {
    headers: { "Content-Type": "application/json" },
  });
});

function syncResult(out: InvokeOutcome) {
  if (out.kind !== "sync") throw new Error("unexpected invocation kind");
  return out.result;
}

function figuresOf(out: InvokeOutcome) {
  const r = syncResult(out);
  const executedVersion = out.kind === "sync" ? out.executedVersion : "$LATEST";
  return {
    requestId: out.requestId,
    status: r.outcome === "Success" ? "Succeeded" : "Failed",
    outcome: r.outcome,
    durationMs: r.durationMs,
    billedDurationMs: r.billedDurationMs,
    initDurationMs: r.initDurationMs ?? null,
    memorySizeMb: r.memorySizeMb,
    maxMemoryUsedMb: r.maxMemoryUsedMb,
    streamed: r.streamed ?? null,
    log: invocationLines(r, r.logs, executedVersion).map((l) => renderLine(l, out.requestId)),
  };
}

function streamed(platform: Pick<Platform, "invoker" | "settings">, name: string, payload: Buffer) {
  const lines = lineStream();
  const decoder = new TextDecoder();
  const sink: ResponseSink = {
    maxBytes: platform.settings.NIMBUS_STREAM_MAX_MB * 1024 * 1024,
    start: (contentType) => void lines.push({ t: "start", contentType }),
    write: (chunk) => lines.push({ t: "chunk", text: decoder.decode(chunk, { stream: true }) }),
  };
  platform.invoker.invoke({ functionRef: name, payload, trigger: "console", stream: sink }).then(
    (out) => {
      const rest = decoder.decode();
      if (rest) lines.push({ t: "chunk", text: rest });
      const r = syncResult(out);
      const responseText = r.streamed && r.outcome === "Success" ? null : r.payload.toString("utf8") || "null";
      lines.push({ t: "result", ...figuresOf(out), responseText });
      lines.close();
    },
    (err: unknown) => {
      const { error, unexpected } = toAppError(err);
      if (unexpected) log.child("console").error("streamed test invocation failed", { error: String(err) });
      lines.push({ t: "error", code: error.code, message: error.message });
      lines.close();
    },
  );
  return new Response(lines.body, { headers: NDJSON_HEADERS });
}

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
