import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import type { ScheduleJson, SchedulePreview } from "@/lib/queries/schedules";
import { EnabledSwitch } from "@/components/schedules/enabled-switch";
import { nextFireOf } from "@/components/schedules/schedule-draft";
import { formatInZone } from "@/components/schedules/zoned-time";
import { scheduleExtras } from "@/components/schedules/schedule-extras";

const th = "px-3 py-2 text-left text-xs font-semibold tracking-wide text-slate-600 uppercase dark:text-slate-300";
const td = "px-3 py-2 align-top";
const selectedRow = "bg-orange-50/60 dark:bg-orange-950/20";
/** setTimeout's longest wait (about 24.8 days); a later fire is looked at again then. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export interface ScheduleListProps {
  schedules: ScheduleJson[];
  /** The preview of each schedule's expression, by schedule id (undefined while loading). */
  previews: ReadonlyMap<string, SchedulePreview | undefined>;
  now: number;
  selectedId: string | null;
  /** The schedule whose switch is being saved. */
  busyId: string | null;
  onSelect: (s: ScheduleJson) => void;
  onToggle: (s: ScheduleJson) => void;
  onEdit: (s: ScheduleJson) => void;
  onDelete: (s: ScheduleJson) => void;
}

function NextFire({ s, preview, now }: { s: ScheduleJson; preview: SchedulePreview | undefined; now: number }) {
  // The list's clock ticks every 15 s; the row moves on as soon as its own next fire has passed.
  const [passed, setPassed] = useState(0);
  const next = preview?.ok ? nextFireOf(s, preview.next, Math.max(now, passed)) : null;
  useEffect(() => {
    if (!next) return;
    const wait = Math.min(MAX_TIMER_MS, Math.max(0, Date.parse(next) - Date.now()) + 50);
    const t = setTimeout(() => setPassed(Date.now()), wait);
    return () => clearTimeout(t);
  }, [next]);
  if (!s.enabled) return <span className="text-slate-500 dark:text-slate-400">Paused</span>;
  if (!preview) return <span className="text-slate-400">…</span>;
  if (!preview.ok) return <span className="text-red-600 dark:text-red-400">Invalid</span>;
  if (!next) return <span className="text-slate-500 dark:text-slate-400">No more fires</span>;
  return (
    <time
      dateTime={next}
      title={`${formatInZone(next, "UTC")} UTC`}
      className="font-mono text-xs whitespace-nowrap tabular-nums"
    >
      {formatInZone(next, s.timeZone)}
    </time>
  );
}

/** Settings made through the Scheduler API that the editor does not show (target version, window, dates…). */
function Extras({ s }: { s: ScheduleJson }) {
  const extras = scheduleExtras(s);
  if (!extras.length) return null;
  return (
    <ul className="mt-1 flex flex-wrap gap-1" aria-label="Also set">
      {extras.map((e) => (
        <li
          key={e.label}
          title={e.title}
          className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-600 dark:bg-slate-800 dark:text-slate-300"
        >
          {e.label}
        </li>
      ))}
    </ul>
  );
}

/** The function's schedules; selecting one shows its fire history below. */
export function ScheduleList({
  schedules,
  previews,
  now,
  selectedId,
  busyId,
  onSelect,
  onToggle,
  onEdit,
  onDelete,
}: ScheduleListProps) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm">
        <caption className="sr-only">Schedules of this function. Select one to see its fire history.</caption>
        <thead className="border-b border-slate-200 bg-slate-50 dark:border-slate-800 dark:bg-slate-800/60">
          <tr>
            <th scope="col" className={th}>
              Name
            </th>
            <th scope="col" className={th}>
              Schedule
            </th>
            <th scope="col" className={th}>
              Time zone
            </th>
            <th scope="col" className={th}>
              Next fire
            </th>
            <th scope="col" className={th}>
              Enabled
            </th>
            <th scope="col" className={`${th} text-right`}>
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {schedules.map((s) => {
            const preview = previews.get(s.id);
            const selected = s.id === selectedId;
            return (
              <tr
                key={s.id}
                data-testid="schedule-row"
                data-selected={selected || undefined}
                className={`border-t border-slate-100 dark:border-slate-800 ${selected ? selectedRow : ""}`}
              >
                <td className={`${td} max-w-48`}>
                  <button
                    type="button"
                    onClick={() => onSelect(s)}
                    aria-pressed={selected}
                    title="Show its fire history"
                    className={
                      "rounded text-left font-medium break-all text-orange-700 hover:underline " +
                      "focus-visible:outline-2 focus-visible:outline-orange-500 dark:text-orange-400"
                    }
                  >
                    {s.name}
                  </button>
                  {s.description ? (
                    <p className="mt-0.5 line-clamp-2 text-xs text-slate-500 dark:text-slate-400">{s.description}</p>
                  ) : null}
                  <Extras s={s} />
                </td>
                <td className={td}>
                  <p>
                    {preview?.ok ? (
                      `Runs ${preview.description}`
                    ) : preview ? (
                      <span className="text-red-600 dark:text-red-400">{preview.message}</span>
                    ) : (
                      "…"
                    )}
                  </p>
                  <code className="text-xs break-all text-slate-500 dark:text-slate-400">{s.expression}</code>
                </td>
                <td className={`${td} whitespace-nowrap`}>{s.timeZone}</td>
                <td className={td}>
                  <NextFire s={s} preview={preview} now={now} />
                </td>
                <td className={td}>
                  <EnabledSwitch
                    checked={s.enabled}
                    label={`Enable ${s.name}`}
                    disabled={busyId === s.id}
                    onChange={() => onToggle(s)}
                  />
                </td>
                <td className={`${td} text-right whitespace-nowrap`}>
                  <Button variant="ghost" onClick={() => onEdit(s)} aria-label={`Edit ${s.name}`}>
                    Edit
                  </Button>
                  <Button
                    variant="ghost"
                    onClick={() => onDelete(s)}
                    aria-label={`Delete ${s.name}`}
                    className="text-red-700 dark:text-red-400"
                  >
                    Delete
                  </Button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
