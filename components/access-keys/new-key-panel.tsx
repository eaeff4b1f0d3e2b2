"use client";
import { CopyButton } from "@/components/logs/copy-button";
import { Button } from "@/components/ui/button";
import { configureSnippet, envSnippet, type KeySnippetInput } from "@/components/access-keys/snippets";

const panel = "rounded-lg border border-amber-300 bg-amber-50 p-4 shadow-sm dark:border-amber-700 dark:bg-amber-950/40";

/** The one time a secret is shown: copy buttons, a plain warning, and ready-to-paste setup. */
export function NewKeyPanel({ created, onDone }: { created: KeySnippetInput; onDone: () => void }) {
  return (
    <section aria-label="New access key" className={panel}>
      <p role="alert" className="mb-3 text-sm font-medium text-amber-900 dark:text-amber-200">
        Copy the secret access key now. You will not see it again: Nimbus stores it encrypted and never shows it a
        second time.
      </p>
      <dl className="grid gap-2 text-sm sm:grid-cols-[12rem_1fr]">
        <dt className="font-medium">Access key ID</dt>
        <dd className="flex items-center gap-2">
          <code data-testid="new-access-key-id" className="rounded bg-white px-2 py-0.5 font-mono dark:bg-slate-900">
            {created.accessKeyId}
          </code>
          <CopyButton text={created.accessKeyId} label="Copy ID" />
        </dd>
        <dt className="font-medium">Secret access key</dt>
        <dd className="flex items-center gap-2">
          <code
            data-testid="new-secret-access-key"
            className="rounded bg-white px-2 py-0.5 font-mono break-all dark:bg-slate-900"
          >
            {created.secretAccessKey}
          </code>
          <CopyButton text={created.secretAccessKey} label="Copy secret" />
        </dd>
      </dl>
      <Snippet title="Environment (SDKs and the AWS CLI)" text={envSnippet(created)} />
      <Snippet title="aws configure (a named profile)" text={configureSnippet(created)} />
      <div className="mt-3 flex justify-end">
        <Button variant="primary" onClick={onDone}>
          I have saved the secret
        </Button>
      </div>
    </section>
  );
}

function Snippet({ title, text }: { title: string; text: string }) {
  return (
    <div className="mt-3">
      <div className="mb-1 flex items-center justify-between">
        <h3 className="text-xs font-semibold tracking-wide text-slate-600 uppercase dark:text-slate-300">{title}</h3>
        <CopyButton text={text} label="Copy" />
      </div>
      <pre className="overflow-x-auto rounded-md bg-slate-900 p-3 font-mono text-xs text-slate-100">{text}</pre>
    </div>
  );
}
