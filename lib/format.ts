/** Display helpers shared by console components (pure, tested). */
export function formatDateTime(iso: string | number | Date): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, "0");
  return (
    `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ` +
    `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`
  );
}

export function formatMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return "—";
  if (ms < 1) return `${ms.toFixed(2)} ms`;
  if (ms < 1000) return `${ms.toFixed(ms < 10 ? 2 : 0)} ms`;
  return `${(ms / 1000).toFixed(2)} s`;
}

export function formatCount(n: number): string {
  return n >= 1_000_000 ? `${(n / 1_000_000).toFixed(1)}M` : n >= 10_000 ? `${(n / 1000).toFixed(1)}k` : String(n);
}

/** How long ago (or until) a moment is, in the largest whole unit: "just now", "5 min ago", "in 2 h". */
export function formatRelative(iso: string | number | Date, now: number = Date.now()): string {
  const diffS = Math.round((now - new Date(iso).getTime()) / 1000);
  const abs = Math.abs(diffS);
  if (abs < 10) return "just now";
  const [n, unit] =
    abs < 60
      ? [abs, "s"]
      : abs < 3600
        ? [Math.floor(abs / 60), "min"]
        : abs < 86_400
          ? [Math.floor(abs / 3600), "h"]
          : abs < 86_400 * 60
            ? [Math.floor(abs / 86_400), Math.floor(abs / 86_400) === 1 ? "day" : "days"]
            : abs < 86_400 * 730
              ? [Math.floor(abs / (86_400 * 30)), "mo"]
              : [Math.floor(abs / (86_400 * 365)), "y"];
  return diffS >= 0 ? `${n} ${unit} ago` : `in ${n} ${unit}`;
}
