"use client";
import { useQuery } from "@tanstack/react-query";

/** GET /api/health as the server answers it (open to everyone; 503 when not ok). */
export interface HealthJson {
  status: "ok" | "degraded" | "starting" | "stopping";
  database: { kind: "embedded" | "external"; state: "up" | "down" | "unknown"; since?: string; error?: string };
  records: {
    pending: number;
    failing: boolean;
    estimatedMb: number;
    maxMb: number;
    diskFreeMb: number | null;
    minFreeMb: number;
    diskLow: boolean;
    lastPrune: { at: string; reason: string; before: string; rows: number } | null;
  } | null;
}

/** The server's health, polled: every 10 s while all is well, every 2 s while it is not. */
export function useHealth() {
  return useQuery({
    queryKey: ["health"],
    queryFn: async (): Promise<HealthJson | null> => {
      const res = await fetch("/api/health", { cache: "no-store" });
      return (await res.json().catch(() => null)) as HealthJson | null;
    },
    refetchInterval: (q) => (q.state.data?.status === "ok" ? 10_000 : 2_000),
    refetchIntervalInBackground: false,
    retry: false,
  });
}
