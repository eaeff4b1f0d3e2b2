"use client";
import { useId } from "react";
import { Button } from "@/components/ui/button";
import { atOneHourFromNow, SCHEDULE_PRESETS } from "@/components/schedules/presets";
import { splitAtPosition } from "@/components/schedules/schedule-draft";
import { isKnownTimeZone } from "@/components/schedules/zoned-time";

const expressionInput =
  "w-full rounded-md border bg-white px-3 py-1.5 font-mono text-sm text-slate-900 shadow-sm " +
  "focus:outline-2 focus:outline-orange-500 dark:bg-slate-900 dark:text-slate-100";

export interface ExpressionProblem {
  message: string;
  position: number | null;
}

/**
 * The expression builder: preset buttons and the free-text expression, validated as the user
 * types. A mistake is shown under the field in words, with the offending character marked in a
 * copy of the expression (an overlay inside the input would drift once the text scrolls).
 */
export function ExpressionField({
  value,
  onChange,
  timeZone,
  problem,
  checking,
}: {
  value: string;
  onChange: (expression: string) => void;
  timeZone: string;
  problem: ExpressionProblem | null;
  checking: boolean;
}) {
  const id = useId();
  const split = problem ? splitAtPosition(value, problem.position) : null;
  return (
    <div>
      <fieldset aria-label="Expression presets" className="mb-3 flex flex-wrap gap-2">
        {SCHEDULE_PRESETS.map((p) => (
          <Button
            key={p.label}
            type="button"
            onClick={() => onChange(p.expression)}
            aria-pressed={value === p.expression}
            className={value === p.expression ? "ring-2 ring-orange-500" : ""}
          >
            {p.label}
          </Button>
        ))}
        <Button
          type="button"
          onClick={() => onChange(atOneHourFromNow(isKnownTimeZone(timeZone) ? timeZone : "UTC"))}
          title="One time, an hour from now, in the schedule's time zone"
        >
          Once at…
        </Button>
      </fieldset>
      <label htmlFor={id} className="mb-1 block text-sm font-medium text-slate-700 dark:text-slate-200">
        Schedule expression
      </label>
      <input
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        spellCheck={false}
        autoComplete="off"
        placeholder="rate(5 minutes)"
        aria-invalid={problem ? true : undefined}
        aria-describedby={`${id}-status`}
        className={`${expressionInput} ${problem ? "border-red-500" : "border-slate-300 dark:border-slate-600"}`}
      />
      <div id={`${id}-status`} aria-live="polite" className={`mt-1 transition-opacity ${checking ? "opacity-60" : ""}`}>
        {problem ? (
          <>
            {split ? (
              <pre
                aria-hidden
                data-testid="expression-marker"
                className={
                  "overflow-x-auto rounded bg-red-50 px-2 py-1 font-mono text-sm text-slate-800 " +
                  "dark:bg-red-950/50 dark:text-slate-200"
                }
              >
                {split.before}
                <mark
                  className={
                    "rounded-sm bg-red-300 text-red-950 underline decoration-red-700 decoration-wavy " +
                    "dark:bg-red-700 dark:text-white"
                  }
                >
                  {split.at || "\u00a0"}
                </mark>
                {split.after}
              </pre>
            ) : null}
            <p className="mt-1 text-sm text-red-600 dark:text-red-400">{problem.message}</p>
          </>
        ) : (
          <p className="text-xs text-slate-500 dark:text-slate-400">
            <code>rate(5 minutes)</code>, <code>cron(0 8 ? * MON-FRI *)</code> or <code>at(2026-12-31T23:59:00)</code>
            {" — checked as you type"}
            {checking ? "…" : "."}
          </p>
        )}
      </div>
    </div>
  );
}
