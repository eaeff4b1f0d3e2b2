"use client";
import { useMemo, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Card } from "@/components/ui/states";
import { useToast } from "@/components/ui/toast";
import { ApiError } from "@/lib/http/client";
import { useUpdateConfiguration, type FunctionJson } from "@/lib/queries/functions";
import { TagsEditor } from "@/components/tags/tags-editor";
import { AsyncSettings } from "@/components/functions/async-settings";
import { FunctionUrlSettings } from "@/components/functions/function-url-settings";
import {
  MASKED,
  toRequest,
  validateConfig,
  type ConfigDraft,
  type ConfigErrors,
} from "@/components/functions/configuration-form";
import { FunctionAuditHistory } from "@/components/audit/function-audit-history";
import { EgressSettings } from "@/components/functions/egress-settings";

function draftOf(fn: FunctionJson): ConfigDraft {
  return {
    description: fn.description,
    memoryMb: String(fn.memoryMb),
    ephemeralStorageMb: String(fn.ephemeralStorageMb),
    timeoutSec: String(fn.timeoutSec),
    reservedConcurrency: fn.reservedConcurrency === null ? "" : String(fn.reservedConcurrency),
    instanceConcurrency: String(fn.instanceConcurrency ?? 1),
    // Sorted by name: the database (jsonb) does not keep the order variables were entered in.
    env: Object.entries(fn.environment)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, value]) => ({ key, value, secret: fn.secretNames.includes(key) })),
    egressMode: fn.egressMode ?? "internet",
    egressAllow: (fn.egressAllow ?? []).join("\n"),
  };
}

/** Configuration: memory, timeout, description, variables (values masked), reservation, outbound network. */
export function ConfigurationTab({ fn }: { fn: FunctionJson }) {
  const update = useUpdateConfiguration(fn.name);
  const toast = useToast();
  const [draft, setDraft] = useState<ConfigDraft>(() => draftOf(fn));
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<ConfigErrors>({});
  const [shown, setShown] = useState<Record<number, boolean>>({});
  const errors = useMemo(
    () => ({ ...(submitted ? validateConfig(draft) : {}), ...serverErrors }),
    [draft, submitted, serverErrors],
  );
  const set = (patch: Partial<ConfigDraft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setServerErrors({});
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    if (Object.keys(validateConfig(draft)).length) return; // nothing is saved
    update.mutate(toRequest(draft), {
      onSuccess: (next) => {
        toast("success", "Configuration saved");
        setDraft(draftOf(next));
        setSubmitted(false);
      },
      onError: (err) => {
        const msg = err instanceof ApiError ? err.message : "Could not save the configuration";
        const field = err instanceof ApiError ? err.field : undefined;
        const key =
          field === "environment"
            ? "env"
            : field === "egressMode"
              ? "egressAllow"
              : (field as keyof ConfigErrors | undefined);
        if (key) setServerErrors({ [key]: msg });
        else if (/concurren/i.test(msg)) setServerErrors({ reservedConcurrency: msg });
        toast("error", msg);
      },
    });
  };

  return (
    <>
      <form onSubmit={submit} noValidate className="grid gap-4 xl:grid-cols-2">
        <Card title="General configuration">
          <div className="grid gap-4 sm:grid-cols-2">
            <Field
              label="Memory (MB)"
              type="number"
              min={128}
              max={10240}
              value={draft.memoryMb}
              onChange={(e) => set({ memoryMb: e.target.value })}
              error={errors.memoryMb}
              hint="128 to 10240 MB; CPU scales with it on AWS."
            />
            <Field
              label="Timeout (seconds)"
              type="number"
              min={1}
              max={300}
              value={draft.timeoutSec}
              onChange={(e) => set({ timeoutSec: e.target.value })}
              error={errors.timeoutSec}
              hint="1 to 300 seconds."
            />
            <Field
              label="Ephemeral storage (MB)"
              type="number"
              min={512}
              max={10240}
              value={draft.ephemeralStorageMb}
              onChange={(e) => set({ ephemeralStorageMb: e.target.value })}
              error={errors.ephemeralStorageMb}
              hint="Size of /tmp, 512 to 10240 MB (a memory-backed tmpfs in the sandbox)."
            />
            <Field
              className="sm:col-span-2"
              label="Description"
              value={draft.description}
              onChange={(e) => set({ description: e.target.value })}
              error={errors.description}
            />
            <Field
              label="Reserved concurrency"
              type="number"
              min={0}
              value={draft.reservedConcurrency}
              onChange={(e) => set({ reservedConcurrency: e.target.value })}
              error={errors.reservedConcurrency}
              hint="Empty: use the unreserved pool. 0 stops all invocations."
            />
            <Field
              label="Instance concurrency"
              type="number"
              min={1}
              max={64}
              value={draft.instanceConcurrency}
              onChange={(e) => set({ instanceConcurrency: e.target.value })}
              error={errors.instanceConcurrency}
              hint={
                "Calls one instance runs at once, 1 to 64. 1 is Lambda's rule. More suits handlers that " +
                "mostly wait on I/O, but the calls then share module-level variables, memory (the " +
                "memory setting is for all of them) and one CPU thread: keep per-request state inside the handler."
              }
            />
          </div>
        </Card>
        <Card
          title="Environment variables"
          actions={
            <Button type="button" onClick={() => set({ env: [...draft.env, { key: "", value: "" }] })}>
              Add variable
            </Button>
          }
        >
          {draft.env.length === 0 ? <p className="text-sm text-slate-500">No environment variables.</p> : null}
          <ul className="space-y-2">
            {draft.env.map((v, i) => (
              /* biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place; a name can be empty or repeated
                 while typing */
              <li key={i} className="flex items-center gap-2">
                <input
                  aria-label={`Variable ${i + 1} name`}
                  placeholder="KEY"
                  value={v.key}
                  onChange={(e) => set({ env: draft.env.map((x, j) => (j === i ? { ...x, key: e.target.value } : x)) })}
                  className={
                    "w-2/5 rounded-md border border-slate-300 bg-white px-2 py-1.5 font-mono text-sm " +
                    "dark:border-slate-600 dark:bg-slate-900"
                  }
                />
                {v.secret && v.value === MASKED ? (
                  // The stored value never comes to the browser: typing replaces it, leaving it keeps it.
                  <input
                    aria-label={`Variable ${i + 1} value`}
                    type="text"
                    readOnly={false}
                    autoComplete="off"
                    value={MASKED}
                    title="Secret: the stored value is kept unless you type a new one"
                    onFocus={(e) => e.target.select()}
                    onChange={(e) =>
                      set({
                        env: draft.env.map((x, j) =>
                          j === i ? { ...x, value: e.target.value.replaceAll("*", "") } : x,
                        ),
                      })
                    }
                    className={
                      "flex-1 rounded-md border border-amber-300 bg-amber-50 px-2 py-1.5 font-mono text-sm " +
                      "dark:border-amber-700 dark:bg-slate-900"
                    }
                  />
                ) : (
                  <input
                    aria-label={`Variable ${i + 1} value`}
                    type={shown[i] ? "text" : "password"}
                    autoComplete="off"
                    placeholder="value"
                    value={v.value}
                    onChange={(e) =>
                      set({ env: draft.env.map((x, j) => (j === i ? { ...x, value: e.target.value } : x)) })
                    }
                    className={
                      "flex-1 rounded-md border border-slate-300 bg-white px-2 py-1.5 font-mono text-sm " +
                      "dark:border-slate-600 dark:bg-slate-900"
                    }
                  />
                )}
                <label className="flex items-center gap-1 text-xs text-slate-600 dark:text-slate-300">
                  <input
                    type="checkbox"
                    aria-label={`Variable ${i + 1} secret`}
                    checked={!!v.secret}
                    onChange={(e) =>
                      set({ env: draft.env.map((x, j) => (j === i ? { ...x, secret: e.target.checked } : x)) })
                    }
                  />
                  Secret
                </label>
                {v.secret ? null : (
                  <Button
                    type="button"
                    variant="ghost"
                    onClick={() => setShown((s) => ({ ...s, [i]: !s[i] }))}
                    aria-label={`${shown[i] ? "Hide" : "Show"} value of variable ${i + 1}`}
                  >
                    {shown[i] ? "Hide" : "Show"}
                  </Button>
                )}
                <Button
                  type="button"
                  variant="ghost"
                  onClick={() => set({ env: draft.env.filter((_, j) => j !== i) })}
                  aria-label={`Remove variable ${i + 1}`}
                >
                  ✕
                </Button>
              </li>
            ))}
          </ul>
          {errors.env ? (
            <p role="alert" className="mt-2 text-sm text-red-600 dark:text-red-400">
              {errors.env}
            </p>
          ) : null}
          <p className="mt-3 text-xs text-slate-500">
            Values are masked on screen; the function sees them in process.env. Secret values are encrypted at rest,
            never shown again (only {MASKED}), and masked in the function&apos;s logs.
          </p>
        </Card>
        <EgressSettings draft={draft} set={set} error={errors.egressAllow} />
        <div className="xl:col-span-2">
          <Button type="submit" variant="primary" disabled={update.isPending}>
            {update.isPending ? "Saving…" : "Save"}
          </Button>
        </div>
      </form>
      <FunctionUrlSettings functionName={fn.name} />
      <AsyncSettings functionName={fn.name} />
      <div className="mt-4">
        <TagsEditor functionName={fn.name} tags={fn.tags ?? {}} />
      </div>
      <FunctionAuditHistory functionName={fn.name} />
    </>
  );
}
