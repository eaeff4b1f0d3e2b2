import { prettyJson } from "@/components/workflows/execution-format";

/** A labelled block of JSON text, pretty-printed; a dash when there is none. */
export function JsonBlock({
  label,
  text,
  tone = "neutral",
  maxHeight = "max-h-72",
  testId,
}: {
  label: string;
  text: string | null | undefined;
  tone?: "neutral" | "error";
  maxHeight?: string;
  testId?: string;
}) {
  const colours =
    tone === "error"
      ? "bg-red-50 text-red-900 dark:bg-red-950/60 dark:text-red-100"
      : "bg-slate-50 text-slate-800 dark:bg-slate-800/60 dark:text-slate-100";
  return (
    <div className="min-w-0">
      <p className="mb-1 text-xs font-semibold tracking-wide text-slate-500 uppercase dark:text-slate-400">{label}</p>
      {text == null || text === "" ? (
        <p className="text-sm text-slate-500 dark:text-slate-400">—</p>
      ) : (
        <pre
          data-testid={testId}
          className={`${maxHeight} overflow-auto rounded-md p-2.5 font-mono text-xs whitespace-pre-wrap break-all ${colours}`}
        >
          {prettyJson(text)}
        </pre>
      )}
    </div>
  );
}
