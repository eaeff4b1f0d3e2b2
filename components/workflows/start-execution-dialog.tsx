"use client";
import dynamic from "next/dynamic";
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { Loading } from "@/components/ui/states";
import { useIsDark } from "@/components/ui/theme-toggle";
import type { MachineType } from "@/lib/queries/state-machines";
import { inputProblem, resourceNameProblem } from "@/components/workflows/execution-format";

const CodeEditor = dynamic(() => import("@/components/editor/code-editor"), {
  ssr: false,
  loading: () => <Loading label="Loading editor…" />,
});

const DEFAULT_INPUT = '{\n  "comment": "Your input here"\n}\n';

/**
 * Start execution (a modal <dialog>: focus stays inside, Escape closes it): the input as JSON and
 * an optional name. `onStart` rejects with the message to show when the server refuses.
 */
export function StartExecutionDialog({
  open,
  machine,
  type,
  starting,
  onStart,
  onClose,
}: {
  open: boolean;
  machine: string;
  type: MachineType;
  starting: boolean;
  onStart: (body: { input: string; name?: string }) => Promise<void>;
  onClose: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const dark = useIsDark();
  const [input, setInput] = useState(DEFAULT_INPUT);
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) {
      setError(null);
      d.showModal();
    } else if (!open && d.open) d.close();
  }, [open]);

  const nameProblem = name ? resourceNameProblem(name, "execution name") : null;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const problem = inputProblem(input) ?? nameProblem;
    if (problem) return setError(problem);
    setError(null);
    try {
      await onStart({ input, ...(name ? { name } : {}) });
    } catch (err) {
      setError(err instanceof Error ? err.message : "Could not start the execution.");
    }
  };

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onClose={onClose}
      className={
        "m-auto w-[min(44rem,calc(100vw-2rem))] rounded-lg border border-slate-200 bg-white p-0 text-slate-900 shadow-xl " +
        "backdrop:bg-slate-950/50 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
      }
    >
      {open ? (
        <form onSubmit={submit} className="space-y-4 p-5" aria-label="Start execution" noValidate>
          <header>
            <h2 id={titleId} className="text-lg font-semibold">
              Start execution
            </h2>
            <p className="text-sm text-slate-500 dark:text-slate-400">
              {type === "EXPRESS"
                ? `${machine} is an Express machine: it runs now and the result opens when it ends.`
                : `${machine} runs in the background; its page opens and follows it live.`}
            </p>
          </header>
          <Field
            label="Name (optional)"
            value={name}
            onChange={(e) => setName(e.target.value.trim())}
            error={nameProblem}
            hint="Empty: a generated id. Starting the same name again with the same input is idempotent."
          />
          <div>
            <p className="mb-1 text-sm font-medium text-slate-700 dark:text-slate-200">Input (JSON)</p>
            <CodeEditor
              value={input}
              onChange={setInput}
              language="json"
              path={`file:///${machine}/execution-input.json`}
              label="Execution input"
              height={220}
              dark={dark}
            />
          </div>
          <FormError message={error} />
          <div className="flex justify-end gap-3">
            <Button type="button" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" variant="primary" disabled={starting}>
              {starting ? "Starting…" : "Start execution"}
            </Button>
          </div>
        </form>
      ) : null}
    </dialog>
  );
}
