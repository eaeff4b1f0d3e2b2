import Link from "next/link";

const CHIP =
  "rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-700 hover:bg-slate-200 " +
  "dark:bg-slate-800 dark:text-slate-300 dark:hover:bg-slate-700";

/** A tag as a chip that lists the functions with the same tag. */
export function TagChip({ k, v }: { k: string; v: string }) {
  const tag = v ? `${k}=${v}` : k;
  return (
    <Link href={`/?tag=${encodeURIComponent(tag)}`} className={CHIP} title={`Functions tagged ${tag}`}>
      {tag}
    </Link>
  );
}

/** A function's tags, sorted by key. */
export function TagChips({ tags, label = "Tags" }: { tags: Record<string, string>; label?: string }) {
  const entries = Object.entries(tags).sort(([a], [b]) => a.localeCompare(b));
  if (entries.length === 0) return null;
  return (
    <ul aria-label={label} className="mt-1 flex flex-wrap gap-1.5">
      {entries.map(([k, v]) => (
        <li key={k}>
          <TagChip k={k} v={v} />
        </li>
      ))}
    </ul>
  );
}
