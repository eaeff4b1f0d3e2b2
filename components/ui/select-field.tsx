import { useId, type ReactNode, type SelectHTMLAttributes } from "react";

// h-8.5: an input's height (a select draws its box a little shorter), so a row of fields lines up.
const selectBase =
  "h-8.5 w-full rounded-md border bg-white px-2 py-1.5 text-sm text-slate-900 shadow-sm " +
  "focus:outline-2 focus:outline-orange-500 dark:bg-slate-900 dark:text-slate-100";

/** A labelled select with its hint and its error next to it, like Field. */
export function SelectField({
  label,
  hint,
  error,
  className = "",
  children,
  ...select
}: SelectHTMLAttributes<HTMLSelectElement> & {
  label: string;
  hint?: ReactNode;
  error?: string | null;
  children: ReactNode;
}) {
  const id = useId();
  return (
    <div className={className}>
      <label htmlFor={id} className="mb-1 block text-sm font-medium text-slate-700 dark:text-slate-200">
        {label}
      </label>
      <select
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : hint ? `${id}-hint` : undefined}
        {...select}
        className={`${selectBase} ${error ? "border-red-500" : "border-slate-300 dark:border-slate-600"}`}
      >
        {children}
      </select>
      {error ? (
        <p id={`${id}-error`} role="alert" className="mt-1 text-sm text-red-600 dark:text-red-400">
          {error}
        </p>
      ) : hint ? (
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500 dark:text-slate-400">
          {hint}
        </p>
      ) : null}
    </div>
  );
}
