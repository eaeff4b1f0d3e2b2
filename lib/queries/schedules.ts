/** Client side of schedules: query keys, typed fetchers and hooks (React Query). */
import { keepPreviousData, useMutation, useQueries, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, ApiError } from "@/lib/http/client";
import type { ScheduleRecord } from "@/lib/services/schedules";

import type { Json } from "@/lib/queries/json";
export type ScheduleJson = Json<ScheduleRecord>;

export interface ScheduleFireJson {
  scheduleId: string;
  slot: string;
  status: "fired" | "missed" | "failed";
  requestId: string | null;
  firedAt: string;
  lateMs: number | null;
  /** A failed slot: why its target could not be reached, after how many attempts. */
  error: string | null;
  attempts: number | null;
}

/** The body of POST (all fields) and PATCH (any of them). */
export type ScheduleInput = Pick<
  ScheduleRecord,
  "name" | "expression" | "timeZone" | "enabled" | "description" | "input" | "maximumEventAgeSeconds"
>;

/**
 * A preview is data either way: a wrong expression is the expected answer while someone types,
 * not a failed request (no retries, no error state), and it carries where the mistake is.
 */
export type SchedulePreview =
  | { ok: true; description: string; next: string[] }
  | { ok: false; field: "expression" | "timeZone"; message: string; position: number | null };

export const FIRES_REFRESH_MS = 10_000;
const enc = encodeURIComponent;

/** Whose schedules: a function's (its page's Schedules tab) or a state machine's. */
export interface ScheduleOwnerRef {
  kind: "function" | "stateMachine";
  name: string;
}

/** The console API path of an owner's schedules. */
export const schedulesPath = (o: ScheduleOwnerRef) =>
  `/api/${o.kind === "function" ? "functions" : "state-machines"}/${encodeURIComponent(o.name)}/schedules`;

export const scheduleKeys = {
  all: ["schedules"] as const,
  list: (o: ScheduleOwnerRef) => [...scheduleKeys.all, "list", o.kind, o.name] as const,
  fires: (o: ScheduleOwnerRef, id: string) => [...scheduleKeys.all, "fires", o.kind, o.name, id] as const,
  preview: (expression: string, timeZone: string) => [...scheduleKeys.all, "preview", expression, timeZone] as const,
};

export async function fetchSchedulePreview(
  expression: string,
  timeZone: string,
  signal?: AbortSignal,
): Promise<SchedulePreview> {
  const res = await fetch(`/api/schedules/preview?${new URLSearchParams({ expression, timeZone })}`, { signal });
  const body = await res.json().catch(() => null);
  if (res.ok) return { ok: true, ...(body as { description: string; next: string[] }) };
  const e = (body as { error?: { code?: string; message?: string; field?: string; position?: unknown } } | null)?.error;
  if (res.status === 400 && e?.message) {
    return {
      ok: false,
      field: e.field === "timeZone" ? "timeZone" : "expression",
      message: e.message,
      position: typeof e.position === "number" ? e.position : null,
    };
  }
  throw new ApiError(res.status, e?.code ?? "Error", e?.message ?? `Request failed (${res.status})`, e?.field);
}

const previewQuery = (expression: string, timeZone: string) => ({
  queryKey: scheduleKeys.preview(expression, timeZone),
  queryFn: ({ signal }: { signal: AbortSignal }) => fetchSchedulePreview(expression, timeZone, signal),
  // "Next" is counted from now; half a minute old is still right for anything but rate(1 minute).
  staleTime: 30_000,
});

/** Feed it a debounced expression; the previous answer stays on screen while the next loads. */
export function useSchedulePreview(expression: string, timeZone: string) {
  return useQuery({
    ...previewQuery(expression, timeZone),
    enabled: expression !== "" && timeZone !== "",
    placeholderData: keepPreviousData,
  });
}

/** Previews for a list of schedules at once (words and next fire time per row). */
export function useSchedulePreviews(items: Array<{ expression: string; timeZone: string }>) {
  return useQueries({
    queries: items.map((s) => ({ ...previewQuery(s.expression, s.timeZone), refetchInterval: 60_000 })),
  });
}

export function useSchedules(owner: ScheduleOwnerRef) {
  return useQuery({
    queryKey: scheduleKeys.list(owner),
    queryFn: () => api<ScheduleJson[]>(schedulesPath(owner)),
  });
}

export function useScheduleFires(owner: ScheduleOwnerRef, id: string | null) {
  return useQuery({
    queryKey: scheduleKeys.fires(owner, id ?? ""),
    queryFn: () => api<ScheduleFireJson[]>(`${schedulesPath(owner)}/${enc(id!)}/fires`),
    enabled: id !== null,
    refetchInterval: FIRES_REFRESH_MS,
    refetchIntervalInBackground: false,
  });
}

export function useCreateSchedule(owner: ScheduleOwnerRef) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ScheduleInput) => api<ScheduleJson>(schedulesPath(owner), { method: "POST", json: body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: scheduleKeys.list(owner) }),
  });
}

export function useUpdateSchedule(owner: ScheduleOwnerRef) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: Partial<ScheduleInput> & { id: string }) =>
      api<ScheduleJson>(`${schedulesPath(owner)}/${enc(id)}`, { method: "PATCH", json: body }),
    onSuccess: (row) => {
      qc.setQueryData<ScheduleJson[]>(scheduleKeys.list(owner), (list) =>
        list?.map((s) => (s.id === row.id ? row : s)),
      );
      return qc.invalidateQueries({ queryKey: scheduleKeys.list(owner) });
    },
  });
}

export function useDeleteSchedule(owner: ScheduleOwnerRef) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<void>(`${schedulesPath(owner)}/${enc(id)}`, { method: "DELETE" }),
    onSuccess: (_, id) => {
      qc.removeQueries({ queryKey: scheduleKeys.fires(owner, id) });
      return qc.invalidateQueries({ queryKey: scheduleKeys.list(owner) });
    },
  });
}
