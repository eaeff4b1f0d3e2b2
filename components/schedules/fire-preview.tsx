import type { SchedulePreview } from "@/lib/queries/schedules";
import { formatInZone } from "@/components/schedules/zoned-time";

const frame = "rounded-md border border-slate-200 bg-slate-50 p-3 dark:border-slate-800 dark:bg-slate-950/40";

/** The next fire times of the expression being edited, in its zone and in UTC side by side. */
export function FirePreview({
  preview,
  timeZone,
  checking,
  expression,
}: {
  preview: SchedulePreview | undefined;
  timeZone: string;
  checking: boolean;
  expression: string;
}) {
  let body: React.ReactNode;
  if (expression === "")
    body = (
      <p className="text-sm text-slate-500 dark:text-slate-400">
        Pick a preset or type an expression to see when it fires.
      </p>
    );
  else if (!preview) body = <p className="text-sm text-slate-500 dark:text-slate-400">Checking…</p>;
  else if (!preview.ok)
    body = (
      <p className="text-sm text-slate-500 dark:text-slate-400">
        Fix the {preview.field === "timeZone" ? "time zone" : "expression"} to see when it fires.
      </p>
    );
  else if (preview.next.length === 0)
    body = (
      <p className="text-sm text-amber-700 dark:text-amber-400">
        <span className="font-medium">Runs {preview.description}</span> — that time has passed, so this schedule would
        never fire.
      </p>
    );
  else
    body = (
      <>
        <p className="mb-2 text-sm">
          Runs <span className="font-medium">{preview.description}</span>
          {timeZone !== "UTC" && !/^rate\(/.test(expression) ? (
            <span className="text-slate-500 dark:text-slate-400"> ({timeZone})</span>
          ) : null}
        </p>
        <table className="w-full text-sm" aria-label="Next fire times">
          <thead className="text-left text-xs text-slate-500 dark:text-slate-400">
            <tr>
              <th scope="col" className="py-1 pr-2 font-medium">
                #
              </th>
              <th scope="col" className="py-1 pr-2 font-medium">
                {timeZone}
              </th>
              <th scope="col" className="py-1 font-medium">
                UTC
              </th>
            </tr>
          </thead>
          <tbody className="font-mono text-xs tabular-nums">
            {preview.next.map((t, i) => (
              <tr key={t} className="border-t border-slate-100 dark:border-slate-800">
                <td className="py-1 pr-2 text-slate-400">{i + 1}</td>
                <td className="py-1 pr-2 whitespace-nowrap">{formatInZone(t, timeZone)}</td>
                <td className="py-1 whitespace-nowrap text-slate-600 dark:text-slate-400">{formatInZone(t, "UTC")}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {/^rate\(/.test(expression) ? (
          <p className="mt-2 text-xs text-slate-500 dark:text-slate-400">
            A rate counts from when the schedule is saved: it fires then, and every period after. Time zones do not
            change it.
          </p>
        ) : null}
      </>
    );
  return (
    <section
      aria-labelledby="fire-preview-title"
      aria-busy={checking || undefined}
      className={`${frame} ${checking ? "opacity-70" : ""}`}
    >
      <h3 id="fire-preview-title" className="mb-2 text-sm font-semibold">
        Next 5 fire times
      </h3>
      {body}
    </section>
  );
}
