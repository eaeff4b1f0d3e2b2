/** Client side of access keys: query keys, typed fetchers and hooks (React Query). */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/http/client";
import type { AccessKeyRecord, AccessKeyStatus } from "@/lib/services/access-keys";
import type { Json } from "@/lib/queries/json";

export type AccessKeyJson = Json<AccessKeyRecord>;
/** The answer to a create: the only time the secret is ever sent. */
export interface CreatedAccessKeyJson {
  key: AccessKeyJson;
  secretAccessKey: string;
}

const enc = encodeURIComponent;

export const accessKeyKeys = {
  all: ["access-keys"] as const,
  list: () => [...accessKeyKeys.all, "list"] as const,
};

export function useAccessKeys() {
  return useQuery({ queryKey: accessKeyKeys.list(), queryFn: () => api<AccessKeyJson[]>("/api/access-keys") });
}

export function useCreateAccessKey() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (description: string) =>
      api<CreatedAccessKeyJson>("/api/access-keys", { method: "POST", json: { description } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: accessKeyKeys.all }),
  });
}

export function useSetAccessKeyStatus() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, status }: { id: string; status: AccessKeyStatus }) =>
      api<AccessKeyJson>(`/api/access-keys/${enc(id)}`, { method: "PATCH", json: { status } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: accessKeyKeys.all }),
  });
}

export function useDeleteAccessKey() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<void>(`/api/access-keys/${enc(id)}`, { method: "DELETE" }),
    onSuccess: () => qc.invalidateQueries({ queryKey: accessKeyKeys.all }),
  });
}
