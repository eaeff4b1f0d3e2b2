/** Client side of aliases and rollouts: query keys, typed fetchers and hooks (React Query). */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/http/client";
import type { AliasRecord } from "@/lib/services/aliases";
import type { RolloutRecord, StartRolloutInput } from "@/lib/services/rollouts";
import type { Json } from "@/lib/queries/json";

export type RolloutJson = Json<RolloutRecord>;
export type AliasJson = Json<AliasRecord> & { rollout: RolloutJson | null };
export type Routing = AliasRecord["routing"];

const enc = encodeURIComponent;
const base = (fn: string) => `/api/functions/${enc(fn)}`;

export const aliasKeys = {
  all: ["aliases"] as const,
  list: (fn: string) => [...aliasKeys.all, "list", fn] as const,
  rollouts: (fn: string) => [...aliasKeys.all, "rollouts", fn] as const,
};

/** Polls while a rollout runs: its weight and decisions change without anyone clicking. */
export function useAliases(fn: string) {
  return useQuery({
    queryKey: aliasKeys.list(fn),
    queryFn: () => api<{ items: AliasJson[] }>(`${base(fn)}/aliases`),
    refetchInterval: (q) => (q.state.data?.items.some((a) => a.rollout) ? 2000 : false),
  });
}

export function useRollouts(fn: string, running: boolean) {
  return useQuery({
    queryKey: aliasKeys.rollouts(fn),
    queryFn: () => api<{ items: RolloutJson[] }>(`${base(fn)}/rollouts`),
    refetchInterval: running ? 2000 : false,
  });
}

/** Every change to aliases refreshes aliases, rollouts, the versions list (delete guards) and the audit log. */
function useAliasMutation<T, R>(call: (v: T) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: aliasKeys.all });
      void qc.invalidateQueries({ queryKey: ["versions"] });
      void qc.invalidateQueries({ queryKey: ["audit"] });
    },
  });
}

export const useCreateAlias = (fn: string) =>
  useAliasMutation((b: { name: string; functionVersion: string; description?: string; routing?: Routing }) =>
    api<AliasJson>(`${base(fn)}/aliases`, { method: "POST", json: b }),
  );

export const useUpdateAlias = (fn: string) =>
  useAliasMutation(
    ({ alias, ...b }: { alias: string; functionVersion?: string; routing?: Routing; revisionId?: string }) =>
      api<AliasJson>(`${base(fn)}/aliases/${enc(alias)}`, { method: "PUT", json: b }),
  );

export const useDeleteAlias = (fn: string) =>
  useAliasMutation((alias: string) => api<void>(`${base(fn)}/aliases/${enc(alias)}`, { method: "DELETE" }));

export const useRollbackAlias = (fn: string) =>
  useAliasMutation((alias: string) => api<AliasJson>(`${base(fn)}/aliases/${enc(alias)}/rollback`, { method: "POST" }));

export const useStartRollout = (fn: string) =>
  useAliasMutation((b: StartRolloutInput) => api<RolloutJson>(`${base(fn)}/rollouts`, { method: "POST", json: b }));

export const useCancelRollout = (fn: string) =>
  useAliasMutation((id: string) => api<RolloutJson>(`${base(fn)}/rollouts/${enc(id)}/cancel`, { method: "POST" }));
