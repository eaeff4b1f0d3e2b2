/**
 * Export over OTLP/HTTP (JSON) when OTEL_EXPORTER_OTLP_ENDPOINT is set, so a team's Jaeger, Tempo
 * or Honeycomb shows the same traces as the console. The wire format, batching and retries are
 * @opentelemetry/exporter-trace-otlp-http's; this turns Nimbus's derived spans into the span
 * objects it takes. Spans are queued in memory (bounded) and sent every second, off every path
 * that serves a request; a collector that is down costs dropped spans (counted, logged once a minute).
 */
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { type Resource, resourceFromAttributes } from "@opentelemetry/resources";
import type { Logger } from "@/lib/log";
import type { TraceSpan } from "@/lib/traces/types";

const MAX_QUEUED = 20_000;
const BATCH = 512;

type Hr = [number, number];
const hr = (ms: number): Hr => [Math.floor(ms / 1000), Math.round((ms % 1000) * 1e6)];

export class OtlpExport {
  private readonly exporter: OTLPTraceExporter;
  private readonly resources = new Map<string, Resource>();
  private queue: { traceId: string; span: TraceSpan }[] = [];
  private readonly timer: NodeJS.Timeout;
  private dropped = 0;
  private lastReport = 0;

  constructor(
    endpoint: string,
    private readonly log: Logger,
  ) {
    this.exporter = new OTLPTraceExporter({ url: `${endpoint.replace(/\/+$/, "")}/v1/traces` });
    this.timer = setInterval(() => void this.flush(), 1000);
    this.timer.unref();
  }

  push(traceId: string, spans: TraceSpan[]): void {
    if (this.queue.length + spans.length > MAX_QUEUED) {
      this.dropped += spans.length;
      return;
    }
    for (const span of spans) this.queue.push({ traceId, span });
  }

  async flush(): Promise<void> {
    while (this.queue.length) {
      const batch = this.queue.splice(0, BATCH);
      const code = await new Promise<number>((resolve) =>
        this.exporter.export(batch.map((q) => this.readable(q.traceId, q.span)) as never, (r) => resolve(r.code)),
      );
      if (code !== 0) {
        this.dropped += batch.length + this.queue.length;
        this.queue = [];
      }
    }
    if (this.dropped && Date.now() - this.lastReport > 60_000) {
      this.lastReport = Date.now();
      this.log.warn(`${this.dropped} spans could not be exported over OTLP (is the collector up?)`);
      this.dropped = 0;
    }
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
    await this.exporter.shutdown();
  }

  /** The span as the SDK's ReadableSpan, which the exporter serializes. */
  private readable(traceId: string, s: TraceSpan) {
    let resource = this.resources.get(s.service);
    if (!resource) {
      resource = resourceFromAttributes({ "service.name": s.service, "service.namespace": "nimbus" });
      this.resources.set(s.service, resource);
    }
    return {
      name: s.name,
      // SERVER for an invocation's or an execution's span, INTERNAL for the parts inside.
      kind: s.kind === "execution" || (s.kind === "request" && s.name.startsWith("Invoke ")) ? 1 : 0,
      spanContext: () => ({ traceId, spanId: s.spanId, traceFlags: 1 }),
      parentSpanContext: s.parentSpanId ? { traceId, spanId: s.parentSpanId, traceFlags: 1 } : undefined,
      startTime: hr(s.startMs),
      endTime: hr(s.startMs + s.durationMs),
      duration: hr(s.durationMs),
      status: { code: s.status === "error" ? 2 : 0 },
      attributes: {
        ...s.attributes,
        "nimbus.span.kind": s.kind,
        ...(s.requestId ? { "faas.invocation_id": s.requestId } : {}),
        ...(s.functionName ? { "faas.name": s.functionName } : {}),
      },
      links: [],
      events: [],
      ended: true,
      resource,
      instrumentationScope: { name: "nimbus" },
      droppedAttributesCount: 0,
      droppedEventsCount: 0,
      droppedLinksCount: 0,
    };
  }
}
