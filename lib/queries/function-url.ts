/** Client side of a function's URL: its config and policy, saving and deleting it, and trying it. */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { api } from "@/lib/http/client";
import type { AuthType, Cors, InvokeMode } from "@/lib/services/function-urls";

export interface FunctionUrlView {
  url: {
    functionUrl: string;
    /** The same URL in its path form, on the console's own origin. */
    pathUrl: string;
    urlId: string;
    authType: AuthType;
    cors: Cors | null;
    invokeMode: InvokeMode;
    createdAt: string;
    updatedAt: string;
  } | null;
  policy: { document: { Statement: Array<Record<string, unknown>> }; revisionId: string } | null;
  publicAccess: boolean;
}

export interface FunctionUrlInput {
  authType: AuthType;
  cors: Cors | null;
  invokeMode: InvokeMode;
}

const enc = encodeURIComponent;
export const functionUrlKey = (name: string) => ["functions", "url", name] as const;

export function useFunctionUrl(name: string) {
  return useQuery({
    queryKey: functionUrlKey(name),
    queryFn: () => api<FunctionUrlView>(`/api/functions/${enc(name)}/url`),
  });
}

export function useSaveFunctionUrl(name: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: FunctionUrlInput) =>
      api<FunctionUrlView>(`/api/functions/${enc(name)}/url`, { method: "PUT", json: body }),
    onSuccess: (view) => {
      qc.setQueryData(functionUrlKey(name), view);
      void qc.invalidateQueries({ queryKey: ["audit"] });
    },
  });
}

export function useDeleteFunctionUrl(name: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api<void>(`/api/functions/${enc(name)}/url`, { method: "DELETE" }),
    onSuccess: () => qc.invalidateQueries({ queryKey: functionUrlKey(name) }),
  });
}

export interface HttpTry {
  method: string;
  /** Path and query after the URL, e.g. /orders?id=1. */
  path: string;
  headers: Array<[string, string]>;
  body: string;
}

export interface HttpTryResult {
  status: number;
  statusText: string;
  headers: Array<[string, string]>;
  body: string;
  ms: number;
}

/**
 * Sends a request to the URL's path form — same origin as the console, so no CORS in the way; the
 * server withholds the console's own cookie and CSRF header from the function. The body is read as
 * it arrives: `partial` shows a streamed answer (RESPONSE_STREAM) while it is being written.
 */
export function useTryFunctionUrl(pathUrl: string | null) {
  const [partial, setPartial] = useState<HttpTryResult | null>(null);
  const mutation = useMutation({
    mutationFn: async (t: HttpTry): Promise<HttpTryResult> => {
      if (!pathUrl) throw new Error("This function has no URL");
      setPartial(null);
      const started = performance.now();
      const res = await fetch(pathUrl.replace(/\/$/, "") + (t.path.startsWith("/") ? t.path : `/${t.path}`), {
        method: t.method,
        headers: t.headers.filter(([k]) => k.trim()),
        body: t.method === "GET" || t.method === "HEAD" ? undefined : t.body,
        credentials: "omit",
      });
      const answer = (body: string) => ({
        status: res.status,
        statusText: res.statusText,
        headers: [...res.headers.entries()],
        body,
        ms: performance.now() - started,
      });
      let body = "";
      if (res.body) {
        const decoder = new TextDecoder();
        const reader = res.body.getReader();
        for (let r = await reader.read(); !r.done; r = await reader.read()) {
          body += decoder.decode(r.value, { stream: true });
          setPartial(answer(body));
        }
        body += decoder.decode();
      }
      return answer(body);
    },
  });
  return { ...mutation, partial };
}
