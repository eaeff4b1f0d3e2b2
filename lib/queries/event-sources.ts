/** Client side of event source mappings (a function's or state machine's triggers): query keys, typed fetchers and hooks. */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/http/client";
import type { MappingRecord } from "@/lib/services/event-sources";
import type { CreateMappingInput, UpdateMappingInput } from "@/lib/services/event-sources/schemas";
import { queueKeys } from "@/lib/queries/queues";

import type { Json } from "@/lib/queries/json";
export type MappingJson = Json<MappingRecord>;
export type { CreateMappingInput, UpdateMappingInput };

const enc = encodeURIComponent;

/** States the pollers move a mapping out of within about a second. */
const PASSING = new Set(["Creating", "Enabling", "Disabling", "Updating"]);
export const TRIGGERS_REFRESH_MS = 5_000;
const PASSING_REFRESH_MS = 1_000;

export const eventSourceKeys = {
  all: ["event-sources"] as const,
  function: (fn: string) => [...eventSourceKeys.all, "function", fn] as const,
  stateMachine: (machine: string) => [...eventSourceKeys.all, "state-machine", machine] as const,
  queue: (queue: string) => [...eventSourceKeys.all, "queue", queue] as const,
};

/** Quick while a mapping is passing between states, then at the pace of its last processing result. */
export function mappingsRefetchMs(mappings: ReadonlyArray<Pick<MappingJson, "state">> | undefined): number {
  return mappings?.some((m) => PASSING.has(m.state)) ? PASSING_REFRESH_MS : TRIGGERS_REFRESH_MS;
}

/** A function's or a state machine's event source mappings (its Triggers tab). */
export function useTriggers(owner: { kind: "function" | "stateMachine"; name: string }) {
  const fn = owner.kind === "function";
  return useQuery({
    queryKey: fn ? eventSourceKeys.function(owner.name) : eventSourceKeys.stateMachine(owner.name),
    queryFn: ({ signal }) =>
      api<MappingJson[]>(
        fn
          ? `/api/functions/${enc(owner.name)}/triggers`
          : `/api/event-source-mappings?stateMachineName=${enc(owner.name)}`,
        { signal },
      ),
    refetchInterval: (q) => mappingsRefetchMs(q.state.data),
    refetchIntervalInBackground: false,
  });
}

export function useQueueMappings(queueName: string) {
  return useQuery({
    queryKey: eventSourceKeys.queue(queueName),
    queryFn: ({ signal }) => api<MappingJson[]>(`/api/event-source-mappings?queueName=${enc(queueName)}`, { signal }),
    refetchInterval: (q) => mappingsRefetchMs(q.state.data),
    refetchIntervalInBackground: false,
  });
}

/** A mapping changes a queue's "triggers" count as well as the function's list. */
const afterChange = (qc: ReturnType<typeof useQueryClient>) => {
  void qc.invalidateQueries({ queryKey: eventSourceKeys.all });
  void qc.invalidateQueries({ queryKey: queueKeys.list() });
  void qc.invalidateQueries({ queryKey: ["audit"] });
};

export function useCreateMapping() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateMappingInput) =>
      api<MappingJson>("/api/event-source-mappings", { method: "POST", json: body }),
    onSuccess: () => afterChange(qc),
  });
}

export function useUpdateMapping() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: UpdateMappingInput & { id: string }) =>
      api<MappingJson>(`/api/event-source-mappings/${enc(id)}`, { method: "PATCH", json: body }),
    onSuccess: () => afterChange(qc),
  });
}

export function useDeleteMapping() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<void>(`/api/event-source-mappings/${enc(id)}`, { method: "DELETE" }),
    onSuccess: () => afterChange(qc),
  });
}
