/** Client side of the server's own facts (isolation level, runtime, outbound network). */
import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/http/client";

/** lib/executor's NetworkJson, as JSON. */
export interface NetworkJson {
  mode: string;
  reason: string;
  egressModes: Array<"internet" | "none" | "allow-list">;
}

export interface SystemJson {
  isolation: { level: "full" | "reduced"; layers: string[]; missing: string[]; network: NetworkJson };
  runtime: string;
  /** Outbound network of sandboxes here: its mode, why, and which per-function settings are honoured. */
  network: NetworkJson;
}

export const systemKeys = { info: ["system"] as const };

export function useSystem() {
  return useQuery({ queryKey: systemKeys.info, queryFn: () => api<SystemJson>("/api/system"), staleTime: 60_000 });
}
