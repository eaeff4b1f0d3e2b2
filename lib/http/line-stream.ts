/**
 * A console response sent as newline-delimited JSON while it is produced (a streaming function's
 * chunks in the Test tab). `push` returns a promise while the browser is behind, so a slow reader
 * holds the producer instead of growing the server's memory; after the reader goes away pushes
 * are dropped.
 */
export interface LineStream {
  readonly body: ReadableStream<Uint8Array>;
  push(value: unknown): undefined | Promise<void>;
  close(): void;
}

export const NDJSON_HEADERS = {
  "Content-Type": "application/x-ndjson; charset=utf-8",
  // No proxy or compression layer may hold lines back.
  "Cache-Control": "no-cache, no-transform",
  "X-Accel-Buffering": "no",
};

export function lineStream(): LineStream {
  const encoder = new TextEncoder();
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let wake: (() => void) | null = null;
  let gone = false;
  const body = new ReadableStream<Uint8Array>(
    {
      start: (c) => {
        controller = c;
      },
      pull: () => {
        wake?.();
        wake = null;
      },
      cancel: () => {
        gone = true;
        wake?.();
        wake = null;
      },
    },
    { highWaterMark: 16 },
  );
  return {
    body,
    push(value) {
      if (gone) return undefined;
      controller.enqueue(encoder.encode(`${JSON.stringify(value)}\n`));
      if ((controller.desiredSize ?? 1) > 0) return undefined;
      return new Promise<void>((resolve) => {
        wake = resolve;
      });
    },
    close() {
      if (gone) return;
      gone = true;
      controller.close();
    },
  };
}
