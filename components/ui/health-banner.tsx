"use client";
import { useHealth } from "@/lib/queries/health";

/**
 * A banner under the header while the server cannot reach its database (or cannot reach the
 * server at all): what is wrong, since when, and what still works. It goes away by itself.
 */
export function HealthBanner() {
  const { data, isError, failureCount } = useHealth();
  if (isError && failureCount > 0) {
    return <Banner title="The Nimbus server does not answer.">The console tries again every few seconds.</Banner>;
  }
  if (!data || data.database.state !== "down") return null;
  const since = data.database.since ? new Date(data.database.since).toLocaleTimeString() : null;
  return (
    <Banner title={`Nimbus cannot reach its ${data.database.kind} database${since ? ` since ${since}` : ""}.`}>
      {data.database.error ? <span className="font-mono">{data.database.error}. </span> : null}
      It reconnects by itself{data.database.kind === "embedded" ? " and restarts the embedded PostgreSQL" : ""}. Until then changes cannot be saved and pages may not
      load; warm functions keep answering, and their records ({data.records?.pending ?? 0} waiting) are written once it is back.
    </Banner>
  );
}

function Banner({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div role="alert" className="border-b border-red-300 bg-red-50 px-6 py-2 text-sm text-red-900 dark:border-red-900 dark:bg-red-950 dark:text-red-100">
      <div className="mx-auto max-w-7xl">
        <strong className="font-semibold">{title}</strong> {children}
      </div>
    </div>
  );
}
