"use client";
import dynamic from "next/dynamic";
import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { ErrorState, Loading } from "@/components/ui/states";
import { useToast } from "@/components/ui/toast";
import { useIsDark } from "@/components/ui/theme-toggle";
import { ApiError } from "@/lib/http/client";
import { formatDateTime } from "@/lib/format";
import { useDeployCode, useFunctionCode, type FunctionJson } from "@/lib/queries/functions";

const CodeEditor = dynamic(() => import("@/components/editor/code-editor"), {
  ssr: false,
  loading: () => <Loading label="Loading editor…" />,
});

/** Code: edit the handler file in Monaco, deploy with the button or Ctrl/Cmd+S. */
export function CodeTab({ fn }: { fn: FunctionJson }) {
  const code = useFunctionCode(fn.name);
  const deploy = useDeployCode(fn.name);
  const toast = useToast();
  const dark = useIsDark();
  const [source, setSource] = useState<string | null>(null);
  const [deployed, setDeployed] = useState<{ sha: string; at: string } | null>(null);
  const [error, setError] = useState<string | null>(null);

  const files = code.data?.files ?? [];
  const file = files.length === 1 ? files[0] : undefined;
  const editable = file !== undefined && file.text !== null;
  const original = file?.text ?? "";
  useEffect(() => {
    if (code.data && source === null) setSource(original);
  }, [code.data, original, source]);
  const dirty = source !== null && source !== original;

  const save = () => {
    if (!editable || source === null || deploy.isPending) return;
    setError(null);
    deploy.mutate(source, {
      onSuccess: (next) => {
        setDeployed({ sha: next.codeSha256, at: next.updatedAt });
        toast("success", "Deployed");
      },
      onError: (err) => {
        const msg = err instanceof ApiError ? err.message : "The deploy failed: the server could not be reached.";
        setError(msg);
        toast("error", `Deploy failed: ${msg}`);
      },
    });
  };

  // Monaco binds Ctrl/Cmd+S once, at mount: it must always call the latest save.
  const saveRef = useRef(save);
  saveRef.current = save;

  if (code.isPending) return <Loading label="Loading code…" />;
  if (code.isError) return <ErrorState error={code.error} retry={() => code.refetch()} />;
  if (!editable) {
    return (
      <div className="space-y-2 text-sm">
        <p>
          This function was uploaded as a package of {files.length} files; the console shows them but edits single-file
          functions only. Deploy new versions with UpdateFunctionCode.
        </p>
        <ul className="list-inside list-disc font-mono text-xs">
          {files.map((f) => (
            <li key={f.path}>
              {f.path} ({f.size} bytes)
            </li>
          ))}
        </ul>
      </div>
    );
  }
  return (
    <div className="space-y-3">
      <div className="flex items-center gap-3">
        <span className="font-mono text-sm">{file.path}</span>
        {dirty ? (
          <span className="text-sm text-amber-700 dark:text-amber-400" aria-live="polite">
            ● Unsaved changes
          </span>
        ) : null}
        <div className="ml-auto flex items-center gap-3">
          {deployed && !dirty ? (
            <span className="text-sm text-emerald-700 dark:text-emerald-400" role="status">
              Deployed · CodeSha256 <code className="font-mono text-xs">{deployed.sha}</code> ·{" "}
              {formatDateTime(deployed.at)}
            </span>
          ) : null}
          <Button variant="primary" onClick={save} disabled={!dirty || deploy.isPending} title="Deploy (Ctrl/Cmd+S)">
            {deploy.isPending ? "Deploying…" : "Deploy"}
          </Button>
        </div>
      </div>
      {error ? (
        <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800 dark:bg-red-950 dark:text-red-200">
          {error}
        </p>
      ) : null}
      <CodeEditor
        value={source ?? original}
        onChange={setSource}
        language="javascript"
        path={`file:///${fn.name}/${file.path}`}
        label={`Code of ${fn.name}`}
        onSave={() => saveRef.current()}
        dark={dark}
      />
      <p className="text-xs text-slate-500">
        Ctrl/Cmd+S deploys. Types for <code>event</code> and <code>context</code> come from the{" "}
        <code>
          @type {"{"}import(&quot;nimbus&quot;).Handler{"}"}
        </code>{" "}
        annotation.
      </p>
    </div>
  );
}
