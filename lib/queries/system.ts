/** Client side of the server's own facts (isolation level, runtime). */
import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/http/client";

export interface SystemJson {
  isolation: { level: "full" | "reduced"; layers: string[]; missing: string[] };
  runtime: string;
  /** Outbound network of sandboxes: none in this version. */
  network: "none";
}

export const systemKeys = { info: ["system"] as const };

export function useSystem() {
  return useQuery({ queryKey: systemKeys.info, queryFn: () => api<SystemJson>("/api/system"), staleTime: 60_000 });
}
