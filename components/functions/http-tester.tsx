"use client";
import Link from "next/link";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Card, ErrorState, Loading } from "@/components/ui/states";
import { parseHeaderLines, TRY_METHODS, tryPathProblem } from "@/components/functions/function-url-form";
import { formatMs } from "@/lib/format";
import { useFunctionUrl, useTryFunctionUrl, type HttpTryResult } from "@/lib/queries/function-url";

const input =
  "rounded-md border border-slate-300 bg-white px-2 py-1.5 font-mono text-sm dark:border-slate-600 " +
  "dark:bg-slate-900";

const pre =
  "max-h-64 overflow-auto rounded bg-slate-100 p-3 font-mono text-xs break-all whitespace-pre-wrap " +
  "dark:bg-slate-800";

/** Test tab, second half: send a real HTTP request to the function's URL and show what came back. */
export function HttpTester({ functionName }: { functionName: string }) {
  const view = useFunctionUrl(functionName);
  if (view.isPending) return <Loading label="Loading the function URL…" />;
  if (view.isError) return <ErrorState error={view.error} retry={() => void view.refetch()} />;
  const url = view.data.url;
  return (
    <Card title="HTTP request" className="mt-4">
      {url ? (
        <TesterForm pathUrl={url.pathUrl} functionUrl={url.functionUrl} signed={url.authType === "AWS_IAM"} />
      ) : (
        <p className="text-sm text-slate-500 dark:text-slate-400">
          This function has no URL. Create one under{" "}
          <Link href={`/functions/${encodeURIComponent(functionName)}?tab=configuration`} className="underline">
            Configuration → Function URL
          </Link>{" "}
          to send it HTTP requests from here.
        </p>
      )}
    </Card>
  );
}

function TesterForm({ pathUrl, functionUrl, signed }: { pathUrl: string; functionUrl: string; signed: boolean }) {
  const send = useTryFunctionUrl(pathUrl);
  const [method, setMethod] = useState<string>("GET");
  const [path, setPath] = useState("/");
  const [headerText, setHeaderText] = useState("");
  const [body, setBody] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = parseHeaderLines(headerText);
    const pathProblem = tryPathProblem(path);
    if ("error" in parsed || pathProblem) {
      setProblem("error" in parsed ? parsed.error : pathProblem);
      return;
    }
    setProblem(null);
    send.mutate({ method, path: path.trim() || "/", headers: parsed.headers, body });
  };
  const hasBody = method !== "GET" && method !== "HEAD";
  return (
    <div className="grid gap-6 xl:grid-cols-2">
      <form onSubmit={submit} noValidate aria-label="HTTP request" className="space-y-3 text-sm">
        {signed ? (
          <p className="rounded-md bg-amber-50 p-2 text-xs text-amber-900 dark:bg-amber-950 dark:text-amber-200">
            This URL takes signed requests only (AWS_IAM): an unsigned request from here gets 403. Sign with SigV4,
            service <span className="font-mono">lambda</span>, and a Nimbus access key — e.g.{" "}
            <span className="font-mono">curl --aws-sigv4 aws:amz:us-east-1:lambda --user KEY:SECRET {functionUrl}</span>
          </p>
        ) : null}
        <div className="flex gap-2">
          <label className="sr-only" htmlFor="try-method">
            Method
          </label>
          <select
            id="try-method"
            value={method}
            onChange={(e) => setMethod(e.target.value)}
            className={`${input} w-32 shrink-0 font-semibold`}
          >
            {TRY_METHODS.map((m) => (
              <option key={m}>{m}</option>
            ))}
          </select>
          <label className="sr-only" htmlFor="try-path">
            Path and query
          </label>
          <input
            id="try-path"
            value={path}
            onChange={(e) => setPath(e.target.value)}
            placeholder="/orders?id=7"
            className={`${input} min-w-0 flex-1`}
          />
        </div>
        <label className="block">
          <span className="mb-1 block font-medium">Headers</span>
          <textarea
            value={headerText}
            onChange={(e) => setHeaderText(e.target.value)}
            rows={3}
            placeholder={"Content-Type: application/json\nX-Request-Source: console"}
            className={`${input} w-full`}
          />
        </label>
        {hasBody ? (
          <label className="block">
            <span className="mb-1 block font-medium">Body</span>
            <textarea value={body} onChange={(e) => setBody(e.target.value)} rows={5} className={`${input} w-full`} />
          </label>
        ) : null}
        {problem ? (
          <p role="alert" className="text-red-600 dark:text-red-400">
            {problem}
          </p>
        ) : null}
        <Button type="submit" variant="primary" disabled={send.isPending}>
          {send.isPending ? "Sending…" : "Send request"}
        </Button>
      </form>
      <section aria-label="HTTP response" className="text-sm">
        {send.isPending && send.partial ? (
          <HttpResult r={send.partial} receiving />
        ) : send.data ? (
          <HttpResult r={send.data} />
        ) : send.error ? (
          <p role="alert" className="text-red-600 dark:text-red-400">
            Could not reach the URL: {send.error.message}
          </p>
        ) : (
          <p className="text-slate-500 dark:text-slate-400">
            Send a request to see the status, headers and body the function answered with.
          </p>
        )}
      </section>
    </div>
  );
}

function HttpResult({ r, receiving = false }: { r: HttpTryResult; receiving?: boolean }) {
  const tone =
    r.status < 400
      ? "bg-emerald-100 text-emerald-800 dark:bg-emerald-900 dark:text-emerald-200"
      : "bg-red-100 text-red-800 dark:bg-red-900 dark:text-red-200";
  return (
    <div className="space-y-3" data-testid={receiving ? "http-partial" : "http-result"}>
      <p className="flex items-center gap-3">
        <span role="status" className={`rounded px-2 py-0.5 font-semibold ${tone}`}>
          {r.status} {r.statusText}
        </span>
        <span className="text-xs text-slate-500">
          {receiving ? `receiving… ${r.body.length} characters so far` : formatMs(r.ms)}
        </span>
      </p>
      <details open>
        <summary className="cursor-pointer font-medium">Headers ({r.headers.length})</summary>
        <dl className="mt-1 grid grid-cols-[max-content_1fr] gap-x-3 font-mono text-xs">
          {r.headers.map(([k, v]) => (
            <div key={k} className="contents">
              <dt className="text-slate-500">{k}</dt>
              <dd className="break-all">{v}</dd>
            </div>
          ))}
        </dl>
      </details>
      <div>
        <h3 className="mb-1 font-medium">Body</h3>
        <pre className={pre}>{r.body || "(empty)"}</pre>
      </div>
    </div>
  );
}
