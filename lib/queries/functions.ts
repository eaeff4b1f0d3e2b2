/** Client side of functions: query keys, typed fetchers and hooks (React Query). */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/http/client";
import type { FunctionRecord, FunctionSummary } from "@/lib/services/functions";
import type { TestEventRecord } from "@/lib/services/test-events";

import type { Json } from "@/lib/queries/json";
export type FunctionJson = Json<FunctionRecord>;
export type FunctionSummaryJson = Json<FunctionSummary>;
export type TestEventJson = Json<TestEventRecord>;

export interface ListParams {
  search?: string;
  /** `key` or `key=value`. */
  tag?: string;
  sort?: string;
  order?: "asc" | "desc";
  page?: number;
}

const enc = encodeURIComponent;

export const functionKeys = {
  all: ["functions"] as const,
  list: (p: ListParams) => ["functions", "list", p] as const,
  detail: (name: string) => ["functions", "detail", name] as const,
  code: (name: string) => ["functions", "code", name] as const,
  testEvents: (name: string) => ["functions", "test-events", name] as const,
};

export function useFunctionList(p: ListParams) {
  const qs = new URLSearchParams(
    Object.entries(p)
      .filter(([, v]) => v !== undefined && v !== "")
      .map(([k, v]) => [k, String(v)]),
  );
  return useQuery({
    queryKey: functionKeys.list(p),
    queryFn: () =>
      api<{ items: FunctionSummaryJson[]; total: number; page: number; pageSize: number }>(`/api/functions?${qs}`),
    placeholderData: (prev) => prev,
  });
}

export function useFunction(name: string) {
  return useQuery({
    queryKey: functionKeys.detail(name),
    queryFn: () => api<FunctionJson>(`/api/functions/${enc(name)}`),
  });
}

export function useFunctionCode(name: string) {
  return useQuery({
    queryKey: functionKeys.code(name),
    queryFn: () =>
      api<{ codeSha256: string; files: Array<{ path: string; size: number; text: string | null }> }>(
        `/api/functions/${enc(name)}/code`,
      ),
    staleTime: Infinity,
  });
}

export function useCreateFunction() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string; template: string }) =>
      api<FunctionJson>("/api/functions", { method: "POST", json: body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: functionKeys.all }),
  });
}

export function useDeployCode(name: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (source: string) =>
      api<FunctionJson>(`/api/functions/${enc(name)}/code`, { method: "PUT", json: { source } }),
    onSuccess: (fn) => {
      qc.setQueryData(functionKeys.detail(name), fn);
      void qc.invalidateQueries({ queryKey: functionKeys.code(name) });
      void qc.invalidateQueries({ queryKey: ["audit"] });
    },
  });
}

export function useUpdateConfiguration(name: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      api<FunctionJson>(`/api/functions/${enc(name)}`, { method: "PATCH", json: body }),
    onSuccess: (fn) => {
      qc.setQueryData(functionKeys.detail(name), fn);
      void qc.invalidateQueries({ queryKey: ["functions", "list"] });
      void qc.invalidateQueries({ queryKey: ["audit"] });
    },
  });
}

export function useDeleteFunction() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => api<void>(`/api/functions/${enc(name)}`, { method: "DELETE" }),
    onSuccess: () => qc.invalidateQueries({ queryKey: functionKeys.all }),
  });
}

/** Replaces the function's tags as a whole (the console's tag editor). */
export function useSaveTags(name: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (tags: Record<string, string>) =>
      api<{ tags: Record<string, string> }>(`/api/functions/${enc(name)}/tags`, { method: "PUT", json: { tags } }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: functionKeys.all });
      void qc.invalidateQueries({ queryKey: ["audit"] });
    },
  });
}

export function useTestEvents(name: string) {
  return useQuery({
    queryKey: functionKeys.testEvents(name),
    queryFn: () => api<TestEventJson[]>(`/api/functions/${enc(name)}/test-events`),
  });
}

export function useSaveTestEvent(name: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (e: { id?: string; name: string; payload: string }) =>
      e.id
        ? api<TestEventJson>(`/api/functions/${enc(name)}/test-events/${e.id}`, {
            method: "PATCH",
            json: { name: e.name, payload: e.payload },
          })
        : api<TestEventJson>(`/api/functions/${enc(name)}/test-events`, {
            method: "POST",
            json: { name: e.name, payload: e.payload },
          }),
    onSuccess: () => qc.invalidateQueries({ queryKey: functionKeys.testEvents(name) }),
  });
}

export function useDeleteTestEvent(name: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<void>(`/api/functions/${enc(name)}/test-events/${id}`, { method: "DELETE" }),
    onSuccess: () => qc.invalidateQueries({ queryKey: functionKeys.testEvents(name) }),
  });
}
