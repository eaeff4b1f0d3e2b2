/** Client side of queues: query keys, typed fetchers and hooks (React Query). */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/http/client";
import type {
  MoveTaskRecord,
  PeekedMessage,
  QueueActivityPoint,
  QueueLimits,
  QueueRecord,
  QueueSummary,
} from "@/lib/services/queues";
import type { CreateQueueInput, QueueSettings } from "@/lib/services/queues/schemas";

import type { Json } from "@/lib/queries/json";
export type QueueJson = Json<QueueRecord>;
export type QueueSummaryJson = Json<QueueSummary>;
export type MoveTaskJson = Json<MoveTaskRecord>;
export type { PeekedMessage, QueueActivityPoint, QueueLimits, CreateQueueInput, QueueSettings };

export interface SendMessageInput {
  body: string;
  delaySec?: number;
  groupId?: string;
  dedupId?: string;
}

export const ACTIVITY_HOURS = [1, 6, 24] as const;
export type ActivityHours = (typeof ACTIVITY_HOURS)[number];

/** Counts change with every send and receive: a queue's numbers are worth a look every few seconds. */
export const COUNTS_REFRESH_MS = 3_000;
const PEEK_LIMIT = 50;
const enc = encodeURIComponent;

export const queueKeys = {
  all: ["queues"] as const,
  list: () => [...queueKeys.all, "list"] as const,
  detail: (name: string) => [...queueKeys.all, "detail", name] as const,
  activity: (name: string, hours: ActivityHours) => [...queueKeys.all, "activity", name, hours] as const,
  messages: (name: string) => [...queueKeys.all, "messages", name] as const,
};

/** Every queue with its counts; the queue page reads its own numbers from here too (one poll for both). */
export function useQueueSummaries() {
  return useQuery({
    queryKey: queueKeys.list(),
    queryFn: ({ signal }) => api<QueueSummaryJson[]>("/api/queues", { signal }),
    refetchInterval: COUNTS_REFRESH_MS,
    refetchIntervalInBackground: false,
  });
}

export function useQueue(name: string) {
  return useQuery({
    queryKey: queueKeys.detail(name),
    queryFn: ({ signal }) => api<QueueJson>(`/api/queues/${enc(name)}`, { signal }),
  });
}

/** A minute-by-minute series: once a minute would do for 6 h and 24 h, the last hour moves faster. */
export function activityRefetchMs(hours: ActivityHours): number {
  return hours === 1 ? 10_000 : 60_000;
}

export function useQueueActivity(name: string, hours: ActivityHours) {
  return useQuery({
    queryKey: queueKeys.activity(name, hours),
    queryFn: ({ signal }) => api<QueueActivityPoint[]>(`/api/queues/${enc(name)}/activity?hours=${hours}`, { signal }),
    refetchInterval: activityRefetchMs(hours),
    // Switching hours keeps the previous chart up until the next one arrives.
    placeholderData: keepPreviousData,
  });
}

export function useQueueMessages(name: string) {
  return useQuery({
    queryKey: queueKeys.messages(name),
    queryFn: ({ signal }) => api<PeekedMessage[]>(`/api/queues/${enc(name)}/messages?limit=${PEEK_LIMIT}`, { signal }),
    refetchInterval: COUNTS_REFRESH_MS,
    refetchIntervalInBackground: false,
  });
}

export function useCreateQueue() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateQueueInput) => api<QueueJson>("/api/queues", { method: "POST", json: body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: queueKeys.all }),
  });
}

export function useUpdateQueue(name: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: QueueSettings) => api<QueueJson>(`/api/queues/${enc(name)}`, { method: "PATCH", json: body }),
    onSuccess: (q) => {
      qc.setQueryData(queueKeys.detail(name), q);
      void qc.invalidateQueries({ queryKey: queueKeys.list() });
      void qc.invalidateQueries({ queryKey: ["audit"] });
    },
  });
}

export function useDeleteQueue() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => api<void>(`/api/queues/${enc(name)}`, { method: "DELETE" }),
    onSuccess: (_, name) => {
      qc.removeQueries({ queryKey: queueKeys.detail(name) });
      return qc.invalidateQueries({ queryKey: queueKeys.list() });
    },
  });
}

/** After anything that moves messages: the counts and the peek of every queue may have changed. */
const afterMessages = (qc: ReturnType<typeof useQueryClient>) => {
  void qc.invalidateQueries({ queryKey: queueKeys.list() });
  void qc.invalidateQueries({ queryKey: [...queueKeys.all, "messages"] });
  void qc.invalidateQueries({ queryKey: [...queueKeys.all, "activity"] });
};

export function useSendMessage(name: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: SendMessageInput) =>
      api<{ messageId: string }>(`/api/queues/${enc(name)}/messages`, { method: "POST", json: body }),
    onSuccess: () => afterMessages(qc),
  });
}

export function usePurgeQueue(name: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api<void>(`/api/queues/${enc(name)}/purge`, { method: "POST" }),
    onSuccess: () => afterMessages(qc),
  });
}

/** Redrives a dead-letter queue's messages to their source queues: one by id, or all. */
export function useRedriveMessages(name: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (messageId?: string) =>
      api<MoveTaskJson>(`/api/queues/${enc(name)}/redrive`, { method: "POST", json: messageId ? { messageId } : {} }),
    onSuccess: () => afterMessages(qc),
  });
}
