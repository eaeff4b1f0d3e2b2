/** Client side of asynchronous invocation: event-invoke config and the dead-letter queue. */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/http/client";
import type { EventInvokeConfigRecord } from "@/lib/services/event-invoke-config";

/** GET answers Lambda's defaults with `updatedAt: null` when nothing was ever set. */
export type EventInvokeConfigJson = Omit<EventInvokeConfigRecord, "updatedAt"> & { updatedAt: string | null };

export interface EventInvokeConfigInput {
  maximumRetryAttempts: number;
  maximumEventAgeSeconds: number;
  onSuccessDestination: string | null;
  onFailureDestination: string | null;
}

export interface DeadLetterJson {
  id: string;
  functionId: string;
  functionName: string;
  requestId: string;
  /** The event as JSON text. */
  payload: string;
  condition: "RetriesExhausted" | "EventAgeExceeded" | (string & {});
  errorType: string | null;
  errorMessage: string | null;
  attempts: number;
  createdAt: string;
  redrivenAt: string | null;
}

const enc = encodeURIComponent;

export const asyncKeys = {
  all: ["async"] as const,
  config: (fn: string) => [...asyncKeys.all, "config", fn] as const,
  deadLetters: (fn: string) => [...asyncKeys.all, "dead-letters", fn] as const,
};

export function useEventInvokeConfig(functionName: string) {
  return useQuery({
    queryKey: asyncKeys.config(functionName),
    queryFn: () => api<EventInvokeConfigJson>(`/api/functions/${enc(functionName)}/event-invoke-config`),
  });
}

export function usePutEventInvokeConfig(functionName: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: EventInvokeConfigInput) =>
      api<EventInvokeConfigJson>(`/api/functions/${enc(functionName)}/event-invoke-config`, {
        method: "PUT",
        json: body,
      }),
    onSuccess: (row) => qc.setQueryData(asyncKeys.config(functionName), row),
  });
}

export function useDeadLetters(functionName: string) {
  return useQuery({
    queryKey: asyncKeys.deadLetters(functionName),
    queryFn: () => api<DeadLetterJson[]>(`/api/functions/${enc(functionName)}/dead-letters`),
  });
}

export function useRedrive(functionName: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<{ requestId: string }>(`/api/dead-letters/${enc(id)}/redrive`, { method: "POST" }),
    onSuccess: () => qc.invalidateQueries({ queryKey: asyncKeys.deadLetters(functionName) }),
  });
}
