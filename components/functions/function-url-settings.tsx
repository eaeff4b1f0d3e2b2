"use client";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Card, ErrorState, Loading } from "@/components/ui/states";
import { useToast } from "@/components/ui/toast";
import { draftOfUrl, toUrlInput, validateUrl, type UrlDraft } from "@/components/functions/function-url-form";
import { ApiError } from "@/lib/http/client";
import {
  useDeleteFunctionUrl,
  useFunctionUrl,
  useSaveFunctionUrl,
  type FunctionUrlView,
} from "@/lib/queries/function-url";

const choice =
  "flex cursor-pointer items-start gap-2 rounded-md border border-slate-200 p-2 text-sm " +
  "has-[:checked]:border-orange-500 dark:border-slate-700";

/** A function's HTTP endpoint: create it, choose who may call it, set CORS; its URL and policy. */
export function FunctionUrlSettings({ functionName }: { functionName: string }) {
  const view = useFunctionUrl(functionName);
  return (
    <Card title="Function URL" className="mt-4">
      {view.isPending ? (
        <Loading label="Loading the function URL…" />
      ) : view.isError ? (
        <ErrorState error={view.error} retry={() => void view.refetch()} />
      ) : (
        <div className="grid gap-6 xl:grid-cols-2">
          <UrlForm key={view.data.url?.updatedAt ?? "none"} functionName={functionName} view={view.data} />
          <UrlSummary functionName={functionName} view={view.data} />
        </div>
      )}
    </Card>
  );
}

function UrlForm({ functionName, view }: { functionName: string; view: FunctionUrlView }) {
  const save = useSaveFunctionUrl(functionName);
  const toast = useToast();
  const [draft, setDraft] = useState<UrlDraft>(() => draftOfUrl(view));
  const [submitted, setSubmitted] = useState(false);
  const errors = submitted ? validateUrl(draft) : {};
  const set = (patch: Partial<UrlDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    if (Object.keys(validateUrl(draft)).length) return;
    save.mutate(toUrlInput(draft), {
      onSuccess: () => {
        toast("success", view.url ? "Function URL updated" : "Function URL created");
        setSubmitted(false);
      },
      onError: (err) => toast("error", err instanceof ApiError ? err.message : "Could not save the function URL"),
    });
  };
  return (
    <form onSubmit={submit} noValidate aria-label="Function URL settings" className="space-y-4">
      <p className="text-xs text-slate-500 dark:text-slate-400">
        An HTTP endpoint for this function: each request runs it with API Gateway&apos;s payload 2.0 event, and what it
        returns becomes the response.
      </p>
      <fieldset className="space-y-2">
        <legend className="mb-1 text-sm font-medium">Who may call it</legend>
        <label className={choice}>
          <input
            type="radio"
            name="authType"
            checked={draft.authType === "NONE"}
            onChange={() => set({ authType: "NONE" })}
          />
          <span>
            <strong>Anyone (NONE)</strong> — public; the function&apos;s policy gets a statement allowing
            lambda:InvokeFunctionUrl for everyone.
          </span>
        </label>
        <label className={choice}>
          <input
            type="radio"
            name="authType"
            checked={draft.authType === "AWS_IAM"}
            onChange={() => set({ authType: "AWS_IAM" })}
          />
          <span>
            <strong>Signed requests (AWS_IAM)</strong> — SigV4 with a Nimbus access key, service lambda.
          </span>
        </label>
      </fieldset>
      <fieldset className="space-y-2">
        <legend className="mb-1 text-sm font-medium">Response</legend>
        <label className={choice}>
          <input
            type="radio"
            name="invokeMode"
            checked={draft.invokeMode === "BUFFERED"}
            onChange={() => set({ invokeMode: "BUFFERED" })}
          />
          <span>
            <strong>Buffered</strong> — the whole response at once, when the function returns.
          </span>
        </label>
        <label className={choice}>
          <input
            type="radio"
            name="invokeMode"
            checked={draft.invokeMode === "RESPONSE_STREAM"}
            onChange={() => set({ invokeMode: "RESPONSE_STREAM" })}
          />
          <span>
            <strong>Streamed (RESPONSE_STREAM)</strong> — a handler wrapped in awslambda.streamifyResponse sends each
            write as it happens (server-sent events, long answers).
          </span>
        </label>
      </fieldset>
      <label className="flex items-center gap-2 text-sm font-medium">
        <input type="checkbox" checked={draft.corsOn} onChange={(e) => set({ corsOn: e.target.checked })} />
        Answer CORS for browsers (preflights are answered by Nimbus, not the function)
      </label>
      {draft.corsOn ? (
        <div className="grid gap-3 sm:grid-cols-2">
          <Field
            label="Allowed origins"
            value={draft.allowOrigins}
            onChange={(e) => set({ allowOrigins: e.target.value })}
            hint="Comma-separated, or * for any"
            error={errors.allowOrigins}
          />
          <Field
            label="Allowed methods"
            value={draft.allowMethods}
            onChange={(e) => set({ allowMethods: e.target.value })}
            hint="GET, POST, … or *"
            error={errors.allowMethods}
          />
          <Field
            label="Allowed headers"
            value={draft.allowHeaders}
            onChange={(e) => set({ allowHeaders: e.target.value })}
          />
          <Field
            label="Exposed headers"
            value={draft.exposeHeaders}
            onChange={(e) => set({ exposeHeaders: e.target.value })}
          />
          <Field
            label="Max age (seconds)"
            inputMode="numeric"
            value={draft.maxAge}
            onChange={(e) => set({ maxAge: e.target.value })}
            error={errors.maxAge}
          />
          <label className="flex items-center gap-2 self-end pb-2 text-sm">
            <input
              type="checkbox"
              checked={draft.allowCredentials}
              onChange={(e) => set({ allowCredentials: e.target.checked })}
            />
            Allow credentials
            {errors.allowCredentials ? (
              <span role="alert" className="text-red-600 dark:text-red-400">
                {errors.allowCredentials}
              </span>
            ) : null}
          </label>
        </div>
      ) : null}
      <Button type="submit" variant="primary" disabled={save.isPending}>
        {save.isPending ? "Saving…" : view.url ? "Save URL settings" : "Create function URL"}
      </Button>
    </form>
  );
}

function UrlSummary({ functionName, view }: { functionName: string; view: FunctionUrlView }) {
  const remove = useDeleteFunctionUrl(functionName);
  const toast = useToast();
  if (!view.url) return <p className="text-sm text-slate-500 dark:text-slate-400">This function has no URL yet.</p>;
  const copy = () =>
    void navigator.clipboard?.writeText(view.url!.functionUrl).then(() => toast("success", "URL copied"));
  return (
    <div className="space-y-3 text-sm">
      <div>
        <div className="text-xs font-medium text-slate-500 dark:text-slate-400">URL</div>
        <div className="flex flex-wrap items-center gap-2">
          <a
            href={view.url.functionUrl}
            target="_blank"
            rel="noreferrer"
            className="font-mono break-all text-orange-700 underline dark:text-orange-400"
          >
            {view.url.functionUrl}
          </a>
          <Button type="button" onClick={copy}>
            Copy
          </Button>
        </div>
        <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">
          Also at <span className="font-mono">{view.url.pathUrl}</span> on this server (for setups without wildcard
          DNS).
        </p>
      </div>
      <p>
        {view.url.authType === "NONE"
          ? view.publicAccess
            ? "Public: the policy allows anyone."
            : "AuthType NONE, but the policy allows no one yet: requests are refused (403)."
          : "Requests must be signed (AWS_IAM)."}
      </p>
      {view.policy ? (
        <details>
          <summary className="cursor-pointer text-xs font-medium">Resource-based policy</summary>
          <pre className="mt-1 max-h-48 overflow-auto rounded bg-slate-100 p-2 font-mono text-xs dark:bg-slate-800">
            {JSON.stringify(view.policy.document, null, 2)}
          </pre>
        </details>
      ) : null}
      <Button
        type="button"
        variant="danger"
        disabled={remove.isPending}
        onClick={() => remove.mutate(undefined, { onSuccess: () => toast("success", "Function URL deleted") })}
      >
        Delete URL
      </Button>
    </div>
  );
}
