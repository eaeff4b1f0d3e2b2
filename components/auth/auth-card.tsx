import type { ReactNode } from "react";

/** The narrow centred card the sign-in and setup forms sit in. */
export function AuthCard({ title, intro, children }: { title: string; intro?: ReactNode; children: ReactNode }) {
  return (
    <div
      className={
        "mx-auto mt-12 max-w-sm rounded-lg border border-slate-200 bg-white p-6 shadow-sm " +
        "dark:border-slate-800 dark:bg-slate-900"
      }
    >
      <h1 className="text-xl font-semibold">{title}</h1>
      {intro ? <p className="mt-1 text-sm text-slate-500 dark:text-slate-400">{intro}</p> : null}
      <div className="mt-5">{children}</div>
    </div>
  );
}

export function FormError({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <p
      role="alert"
      className={
        "rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800 " +
        "dark:border-red-900 dark:bg-red-950 dark:text-red-200"
      }
    >
      {message}
    </p>
  );
}
