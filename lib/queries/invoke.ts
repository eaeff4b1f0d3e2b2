/**
 * The Test tab's invocation. The answer is read as a line stream, so a streaming function's
 * bytes show while it writes them (`live`); a buffered one arrives as the final line alone.
 */
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { ApiError, apiResponse, readLines } from "@/lib/http/client";

export interface InvokeResultJson {
  requestId: string;
  status: "Succeeded" | "Failed";
  outcome: string;
  /** The function's answer: its JSON value, or for a streamed one the text it wrote. */
  response: unknown;
  /** Set when the handler streamed: its content type and byte count. */
  streamed: { contentType: string; bytes: number } | null;
  durationMs: number;
  billedDurationMs: number;
  initDurationMs: number | null;
  memorySizeMb: number;
  maxMemoryUsedMb: number;
  roundTripMs?: number;
  log: string[];
}

export interface LiveStream {
  contentType: string | null;
  text: string;
}

type Line =
  | { t: "start"; contentType: string }
  | { t: "chunk"; text: string }
  | ({ t: "result"; responseText: string | null } & Omit<InvokeResultJson, "response" | "roundTripMs">)
  | { t: "error"; code: string; message: string };

function parsed(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export function useInvoke(name: string) {
  const [live, setLive] = useState<LiveStream | null>(null);
  const mutation = useMutation({
    /** The event as the editor holds it: JSON text, sent as it is. */
    mutationFn: async (eventJson: string): Promise<InvokeResultJson> => {
      const started = performance.now();
      setLive(null);
      const res = await apiResponse(`/api/functions/${encodeURIComponent(name)}/invoke`, {
        method: "POST",
        json: { eventJson },
        headers: { Accept: "application/x-ndjson" },
      });
      const stream: LiveStream = { contentType: null, text: "" };
      for await (const raw of readLines(res.body!)) {
        const line = JSON.parse(raw) as Line;
        if (line.t === "start") stream.contentType = line.contentType;
        else if (line.t === "chunk") stream.text += line.text;
        else if (line.t === "error") throw new ApiError(500, line.code, line.message);
        else {
          const { t: _t, responseText, ...figures } = line;
          return {
            ...figures,
            response: responseText === null ? stream.text : parsed(responseText),
            roundTripMs: performance.now() - started,
          };
        }
        setLive({ ...stream });
      }
      throw new ApiError(502, "Error", "The invocation's answer ended before its result");
    },
  });
  return { ...mutation, live };
}
