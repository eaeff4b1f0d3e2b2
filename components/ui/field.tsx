import { useId, type InputHTMLAttributes, type ReactNode } from "react";

const inputBase =
  "w-full rounded-md border bg-white px-3 py-1.5 text-sm text-slate-900 shadow-sm " +
  "focus:outline-2 focus:outline-orange-500 dark:bg-slate-900 dark:text-slate-100";

/** A labelled input with its hint and its error next to it (announced, and linked by aria). */
export function Field({
  label,
  hint,
  error,
  className = "",
  ...input
}: InputHTMLAttributes<HTMLInputElement> & { label: string; hint?: ReactNode; error?: string | null }) {
  const id = useId();
  return (
    <div className={className}>
      <label htmlFor={id} className="mb-1 block text-sm font-medium text-slate-700 dark:text-slate-200">
        {label}
      </label>
      <input
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : hint ? `${id}-hint` : undefined}
        {...input}
        className={`${inputBase} ${error ? "border-red-500" : "border-slate-300 dark:border-slate-600"}`}
      />
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
