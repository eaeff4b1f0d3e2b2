"use client";
import dynamic from "next/dynamic";
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, Loading } from "@/components/ui/states";
import { useToast } from "@/components/ui/toast";
import { useIsDark } from "@/components/ui/theme-toggle";
import { ApiError } from "@/lib/http/client";
import { eventTemplates, jsonProblem, pretty } from "@/lib/code/event-templates";
import { formatMs } from "@/lib/format";
import { useDeleteTestEvent, useSaveTestEvent, useTestEvents, type FunctionJson } from "@/lib/queries/functions";
import { type InvokeResultJson, type LiveStream, useInvoke } from "@/lib/queries/invoke";

const CodeEditor = dynamic(() => import("@/components/editor/code-editor"), {
  ssr: false,
  loading: () => <Loading label="Loading editor…" />,
});

const SUCCEEDED_TONE = "bg-emerald-100 text-emerald-800 dark:bg-emerald-900 dark:text-emerald-200";
const FAILED_TONE = "bg-red-100 text-red-800 dark:bg-red-900 dark:text-red-200";

/** Test: saved events, templates, and a Test button showing result, figures and log. */
export function TestTab({ fn }: { fn: FunctionJson }) {
  const events = useTestEvents(fn.name);
  const save = useSaveTestEvent(fn.name);
  const remove = useDeleteTestEvent(fn.name);
  const invoke = useInvoke(fn.name);
  const toast = useToast();
  const dark = useIsDark();
  const [selected, setSelected] = useState<string>(""); // "" = unsaved event
  const [name, setName] = useState("MyEvent");
  const [text, setText] = useState(pretty(eventTemplates["hello-world"]!.event));
  // Bumped when the text is replaced from outside (a template, a saved event): remounts the editor.
  const [loaded, setLoaded] = useState(0);
  const load = (next: string) => {
    setText(next);
    setLoaded((n) => n + 1);
  };
  const problem = jsonProblem(text);

  /* biome-ignore lint/correctness/useExhaustiveDependencies: loads the event when the selection or the list changes,
     not when load() is re-created */
  useEffect(() => {
    const e = events.data?.find((x) => x.id === selected);
    if (e) {
      setName(e.name);
      load(e.payload);
    }
  }, [selected, events.data]);

  const onSave = () =>
    save.mutate(
      { id: selected || undefined, name, payload: text },
      {
        onSuccess: (e) => {
          setSelected(e.id);
          toast("success", `Saved test event ${e.name}`);
        },
        onError: (err) => toast("error", err instanceof ApiError ? err.message : "Could not save the event"),
      },
    );
  const onDelete = () =>
    selected &&
    remove.mutate(selected, {
      onSuccess: () => {
        toast("success", `Deleted test event ${name}`);
        setSelected("");
      },
    });
  const onTest = () => {
    if (problem) return;
    invoke.mutate(text, {
      onError: (err) => toast("error", err instanceof ApiError ? err.message : "The invocation failed"),
    });
  };

  return (
    <div className="grid gap-4 xl:grid-cols-2">
      <Card
        title="Test event"
        actions={
          <Button variant="primary" onClick={onTest} disabled={!!problem || invoke.isPending}>
            {invoke.isPending ? "Running…" : "Test"}
          </Button>
        }
      >
        <div className="mb-3 grid grid-cols-2 gap-3">
          <div>
            <label htmlFor="saved-event" className="mb-1 block text-sm font-medium">
              Saved event
            </label>
            <select
              id="saved-event"
              value={selected}
              onChange={(e) => setSelected(e.target.value)}
              className={
                "w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm " +
                "dark:border-slate-600 dark:bg-slate-900"
              }
            >
              <option value="">New event</option>
              {events.data?.map((e) => (
                <option key={e.id} value={e.id}>
                  {e.name}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="event-template" className="mb-1 block text-sm font-medium">
              Template
            </label>
            <select
              id="event-template"
              defaultValue=""
              onChange={(e) => {
                // The options' values are the template ids; "" (the placeholder) is none of them.
                const template = eventTemplates[e.target.value];
                if (template) load(pretty(template.event));
              }}
              className={
                "w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm " +
                "dark:border-slate-600 dark:bg-slate-900"
              }
            >
              <option value="">Choose a template…</option>
              {Object.entries(eventTemplates).map(([id, t]) => (
                <option key={id} value={id}>
                  {t.label}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div className="mb-3 flex items-end gap-2">
          <div className="flex-1">
            <label htmlFor="event-name" className="mb-1 block text-sm font-medium">
              Event name
            </label>
            <input
              id="event-name"
              value={name}
              onChange={(e) => setName(e.target.value)}
              className={
                "w-full rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm " +
                "dark:border-slate-600 dark:bg-slate-900"
              }
            />
          </div>
          <Button onClick={onSave} disabled={!!problem || save.isPending}>
            {selected ? "Save" : "Save as new"}
          </Button>
          {selected ? (
            <Button variant="ghost" onClick={onDelete} disabled={remove.isPending}>
              Delete
            </Button>
          ) : null}
        </div>
        <CodeEditor
          key={loaded}
          value={text}
          onChange={setText}
          language="json"
          path={`file:///${fn.name}/events/${selected || "new"}.json`}
          label="Event JSON"
          height="40vh"
          dark={dark}
        />
        {problem ? (
          <p role="alert" className="mt-2 text-sm text-red-600 dark:text-red-400">
            {problem}
          </p>
        ) : null}
      </Card>
      <Card title="Execution result">
        {invoke.isPending && invoke.live ? (
          <LiveResponse live={invoke.live} />
        ) : invoke.data ? (
          <Result r={invoke.data} />
        ) : (
          <p className="text-sm text-slate-500">Run a test to see the result, the figures and the log here.</p>
        )}
      </Card>
    </div>
  );
}

const RESPONSE_BOX =
  "max-h-64 overflow-auto rounded bg-slate-100 p-3 font-mono text-xs whitespace-pre-wrap break-all dark:bg-slate-800";

/** A streaming function's bytes so far, while it still writes them. */
function LiveResponse({ live }: { live: LiveStream }) {
  const bytes = new TextEncoder().encode(live.text).length;
  return (
    <div className="space-y-2 text-sm" data-testid="live-response">
      <p role="status" className="flex items-center gap-2 text-slate-600 dark:text-slate-300">
        <span className="inline-block size-2 animate-pulse rounded-full bg-orange-500" aria-hidden />
        Streaming{live.contentType ? ` · ${live.contentType}` : ""} · {bytes} bytes so far
      </p>
      <section aria-label="Streamed so far">
        <pre className={RESPONSE_BOX}>{live.text}</pre>
      </section>
    </div>
  );
}

function Result({ r }: { r: InvokeResultJson }) {
  const ok = r.status === "Succeeded";
  return (
    <div className="space-y-3 text-sm" data-testid="test-result">
      <p
        className={`inline-block rounded px-2 py-0.5 font-semibold ${ok ? SUCCEEDED_TONE : FAILED_TONE}`}
        role="status"
      >
        {ok ? "Succeeded" : "Failed"}
      </p>
      <dl className="grid grid-cols-3 gap-2">
        <Figure label="Duration" value={formatMs(r.durationMs)} />
        <Figure label="Billed duration" value={`${r.billedDurationMs} ms`} />
        <Figure label="Memory used" value={`${r.maxMemoryUsedMb} / ${r.memorySizeMb} MB`} />
        <Figure label="Init duration" value={r.initDurationMs === null ? "— (warm)" : formatMs(r.initDurationMs)} />
        <Figure label="Request id" value={r.requestId} mono />
        <Figure label="Round trip" value={formatMs(r.roundTripMs)} />
      </dl>
      <div>
        <h3 className="mb-1 font-medium">
          Response
          {r.streamed ? (
            <span className="ml-2 text-xs font-normal text-slate-500">
              streamed · {r.streamed.contentType} · {r.streamed.bytes} bytes
            </span>
          ) : null}
        </h3>
        <section aria-label="Response">
          <pre className={RESPONSE_BOX}>{r.streamed ? String(r.response) : pretty(r.response)}</pre>
        </section>
      </div>
      <div>
        <h3 className="mb-1 font-medium">Log output</h3>
        <section aria-label="Log output">
          <pre
            className={
              "max-h-64 overflow-auto rounded bg-slate-900 p-3 font-mono text-xs break-all whitespace-pre-wrap " +
              "text-slate-100"
            }
          >
            {r.log.join("\n")}
          </pre>
        </section>
      </div>
    </div>
  );
}

function Figure({ label, value, mono }: { label: string; value: string; mono?: boolean }) {
  return (
    <div className="rounded border border-slate-200 p-2 dark:border-slate-700">
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className={mono ? "truncate font-mono text-xs" : "font-medium"} title={value}>
        {value}
      </dd>
    </div>
  );
}
