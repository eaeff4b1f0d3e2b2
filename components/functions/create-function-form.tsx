"use client";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import { ApiError } from "@/lib/http/client";
import { useCreateFunction } from "@/lib/queries/functions";
import { useSystem } from "@/lib/queries/system";
import { FUNCTION_TEMPLATES as TEMPLATES } from "@/components/functions/templates";

/** Template cards: the chosen one stands out. */
const CHOSEN = "border-orange-500 bg-orange-50 dark:bg-orange-950/40";
const NOT_CHOSEN = "border-slate-300 dark:border-slate-700";

/** The same rule the API applies; checked as you type. */
export function functionNameProblem(name: string): string | null {
  if (name.length === 0) return "Enter a function name.";
  if (name.length > 64) return "Function name must be between 1 and 64 characters";
  if (!/^[a-zA-Z0-9_-]+$/.test(name))
    return "Function name may contain only letters, digits, hyphens (-) and underscores (_)";
  return null;
}

/** `initialTemplate`: the one chosen on the way here (the empty functions list links to each). */
export function CreateFunctionForm({ initialTemplate = "hello-world" }: { initialTemplate?: string }) {
  const router = useRouter();
  const toast = useToast();
  const create = useCreateFunction();
  const system = useSystem();
  const [name, setName] = useState("");
  const [template, setTemplate] = useState<string>(initialTemplate);
  const [touched, setTouched] = useState(false);
  const [serverError, setServerError] = useState<string | null>(null);
  const problem = functionNameProblem(name);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (problem) return;
    setServerError(null);
    create.mutate(
      { name, template },
      {
        onSuccess: (fn) => {
          toast("success", `Function ${fn.name} created`);
          router.push(`/functions/${encodeURIComponent(fn.name)}?tab=code`);
        },
        onError: (err) => setServerError(err instanceof ApiError ? err.message : "Could not create the function."),
      },
    );
  };

  return (
    <form onSubmit={submit} className="max-w-2xl space-y-6" noValidate>
      <h1 className="text-2xl font-semibold">Create function</h1>
      <Field
        label="Function name"
        value={name}
        autoFocus
        onChange={(e) => setName(e.target.value.trim())}
        onBlur={() => setTouched(true)}
        error={(touched && problem) || serverError}
        hint="Letters, digits, hyphens and underscores; up to 64 characters."
      />
      <fieldset>
        <legend className="mb-2 text-sm font-medium text-slate-700 dark:text-slate-200">Start from a template</legend>
        <div className="grid gap-3 sm:grid-cols-3">
          {TEMPLATES.map((t) => (
            <label
              key={t.id}
              className={`cursor-pointer rounded-lg border p-3 text-sm ${template === t.id ? CHOSEN : NOT_CHOSEN}`}
            >
              <input
                type="radio"
                name="template"
                value={t.id}
                checked={template === t.id}
                onChange={() => setTemplate(t.id)}
                className="mr-2"
              />
              <span className="font-medium">{t.label}</span>
              <span className="mt-1 block text-slate-500 dark:text-slate-400">{t.hint}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <p className="text-sm text-slate-500 dark:text-slate-400">
        Runtime: {system.data?.runtime ?? "Node.js"}, 128 MB memory, 3 s timeout — change them later under
        Configuration.
      </p>
      <div className="flex gap-3">
        <Button type="submit" variant="primary" disabled={create.isPending}>
          {create.isPending ? "Creating…" : "Create function"}
        </Button>
        <Button type="button" onClick={() => router.push("/")}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
