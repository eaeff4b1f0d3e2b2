/** Client side of the audit log: query keys, fetcher and hook (React Query). */
import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/http/client";
import type { AuditEventRecord } from "@/lib/services/audit/list";
import type { Json } from "@/lib/queries/json";

export type AuditEventJson = Json<AuditEventRecord>;

export interface AuditFilters {
  action?: string;
  resource?: string;
  actor?: string;
  from?: string;
  to?: string;
  cursor?: string;
  limit?: number;
}

export const auditKeys = {
  all: ["audit"] as const,
  list: (f: AuditFilters) => ["audit", "list", f] as const,
};

export function useAuditEvents(f: AuditFilters) {
  const qs = new URLSearchParams(
    Object.entries(f)
      .filter(([, v]) => v !== undefined && v !== "")
      .map(([k, v]) => [k, String(v)]),
  );
  return useQuery({
    queryKey: auditKeys.list(f),
    queryFn: () => api<{ items: AuditEventJson[]; nextCursor: string | null }>(`/api/audit?${qs}`),
    placeholderData: (prev) => prev,
  });
}
