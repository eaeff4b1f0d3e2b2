"use client";
import { useHealth, type HealthJson } from "@/lib/queries/health";

/**
 * A banner under the header while the server cannot reach its database (or cannot reach the
 * server at all): what is wrong, since when, and what still works. It goes away by itself.
 */
export function HealthBanner() {
  const { data, isError, failureCount } = useHealth();
  if (isError && failureCount > 0) {
    return <Banner title="The Nimbus server does not answer.">The console tries again every few seconds.</Banner>;
  }
  if (!data) return null;
  if (data.database.state !== "down") return <CapacityBanner records={data.records} />;
  const since = data.database.since ? new Date(data.database.since).toLocaleTimeString() : null;
  return (
    <Banner title={`Nimbus cannot reach its ${data.database.kind} database${since ? ` since ${since}` : ""}.`}>
      {data.database.error ? <span className="font-mono">{data.database.error}. </span> : null}
      It reconnects by itself{data.database.kind === "embedded" ? " and restarts the embedded PostgreSQL" : ""}. Until
      then changes cannot be saved and pages may not load; warm functions keep answering, and their records (
      {data.records?.pending ?? 0} waiting) are written once it is back.
    </Banner>
  );
}

/** Disk nearly full, or records deleted for the size cap in the last hour: what Nimbus did about it. */
function CapacityBanner({ records }: { records: HealthJson["records"] }) {
  const prune = records?.lastPrune;
  const recent = prune && Date.now() - Date.parse(prune.at) < 3600_000;
  if (!records || (!records.diskLow && !recent)) return null;
  const pruned = prune
    ? ` At ${new Date(prune.at).toLocaleTimeString()} it deleted ${prune.rows.toLocaleString()} records and log ` +
      `lines from before ${new Date(prune.before).toLocaleString()}, keeping the newest.`
    : "";
  if (records.diskLow) {
    return (
      <Banner
        tone="warn"
        title={
          `Disk space is low: ${records.diskFreeMb} MB free on the database's disk ` + `(want ${records.minFreeMb} MB).`
        }
      >
        Nimbus deletes the oldest records to make room.{pruned}
      </Banner>
    );
  }
  return (
    <Banner tone="info" title={`Records reached their size limit (${records.maxMb} MB).`}>
      {prune!.reason}.{pruned}
    </Banner>
  );
}

const TONES = {
  error: "border-red-300 bg-red-50 text-red-900 dark:border-red-900 dark:bg-red-950 dark:text-red-100",
  warn: "border-amber-300 bg-amber-50 text-amber-900 dark:border-amber-900 dark:bg-amber-950 dark:text-amber-100",
  info: "border-sky-300 bg-sky-50 text-sky-900 dark:border-sky-900 dark:bg-sky-950 dark:text-sky-100",
};

function Banner({
  title,
  children,
  tone = "error",
}: {
  title: string;
  children: React.ReactNode;
  tone?: keyof typeof TONES;
}) {
  return (
    <div role={tone === "info" ? "status" : "alert"} className={`border-b px-6 py-2 text-sm ${TONES[tone]}`}>
      <div className="mx-auto max-w-7xl">
        <strong className="font-semibold">{title}</strong> {children}
      </div>
    </div>
  );
}
