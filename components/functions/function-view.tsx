"use client";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { Tabs } from "@/components/ui/tabs";
import { Button } from "@/components/ui/button";
import { ErrorState, Loading } from "@/components/ui/states";
import { useToast } from "@/components/ui/toast";
import { CodeTab } from "@/components/editor/code-tab";
import { LogsTab } from "@/components/logs/logs-tab";
import { MonitorTab } from "@/components/metrics/monitor-tab";
import { SchedulesTab } from "@/components/schedules/schedules-tab";
import { TriggersTab } from "@/components/event-sources/triggers-tab";
import { formatDateTime } from "@/lib/format";
import { type FunctionJson, useDeleteFunction, useFunction } from "@/lib/queries/functions";
import { ConfigurationTab } from "@/components/functions/configuration-tab";
import { TestTab } from "@/components/functions/test-tab";
import { HttpTester } from "@/components/functions/http-tester";
import { IsolationBadge } from "@/components/functions/isolation-badge";
import { VersionsTab } from "@/components/versions/versions-tab";
import { TagChips } from "@/components/tags/tag-chip";

const TABS = [
  { id: "code", label: "Code" },
  { id: "test", label: "Test" },
  { id: "monitor", label: "Monitor" },
  { id: "logs", label: "Logs" },
  { id: "schedules", label: "Schedules" },
  { id: "triggers", label: "Triggers" },
  { id: "configuration", label: "Configuration" },
  { id: "versions", label: "Versions" },
];

/** The function's outbound network setting, in the header's words. */
function networkOf(f: FunctionJson): string {
  if (f.egressMode === "none") return "no outbound network";
  if (f.egressMode === "allow-list")
    return `network: ${f.egressAllow.length} allowed host${f.egressAllow.length === 1 ? "" : "s"}`;
  return "network: internet (filtered)";
}

/** A function's page: header and tabs; the tab is in the URL (?tab=…) so it can be linked. */
export function FunctionView({ name }: { name: string }) {
  const fn = useFunction(name);
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const toast = useToast();
  const remove = useDeleteFunction();
  const tab = TABS.some((t) => t.id === params.get("tab")) ? params.get("tab")! : "code";
  // Through the History API (Next mirrors it into useSearchParams), built on the live URL: a tab's
  // own delayed URL update (the Logs search box) and a tab switch then add up instead of racing.
  const setTab = (id: string) => {
    const p = new URLSearchParams(window.location.search);
    p.set("tab", id);
    window.history.replaceState(null, "", `${pathname}?${p}`);
  };

  if (fn.isPending) return <Loading label="Loading function…" />;
  if (fn.isError) {
    return (
      <div className="space-y-3">
        <ErrorState error={fn.error} />
        <Link href="/" className="text-sm underline">
          Back to functions
        </Link>
      </div>
    );
  }
  const f = fn.data;
  const onDelete = () => {
    if (!confirm(`Delete function ${f.name}? Its code and test events are removed; its logs stay.`)) return;
    remove.mutate(f.name, {
      onSuccess: () => {
        toast("success", `Deleted ${f.name}`);
        router.push("/");
      },
    });
  };
  return (
    <div>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-slate-500">
        <Link href="/" className="hover:underline">
          Functions
        </Link>{" "}
        / {f.name}
      </nav>
      <header className="mb-4 flex flex-wrap items-start gap-4">
        <div>
          <h1 className="text-2xl font-semibold">{f.name}</h1>
          <p className="text-sm text-slate-500 dark:text-slate-400">
            {f.description || "No description"} &middot; {f.runtime} &middot; {f.memoryMb} MB &middot; {f.timeoutSec} s
            timeout &middot; {(f.instanceConcurrency ?? 1) > 1 ? `${f.instanceConcurrency} calls per instance · ` : ""}
            {networkOf(f)} &middot; last modified {formatDateTime(f.updatedAt)}
          </p>
          <TagChips tags={f.tags ?? {}} />
        </div>
        <div className="ml-auto flex items-center gap-3">
          <IsolationBadge />
          <Button variant="ghost" onClick={onDelete}>
            Delete function
          </Button>
        </div>
      </header>
      <Tabs tabs={TABS} active={tab} onChange={setTab} label="Function">
        {tab === "code" ? <CodeTab fn={f} /> : null}
        {tab === "test" ? (
          <>
            <TestTab fn={f} />
            <HttpTester functionName={f.name} />
          </>
        ) : null}
        {tab === "monitor" ? <MonitorTab functionName={f.name} /> : null}
        {tab === "logs" ? <LogsTab functionName={f.name} /> : null}
        {tab === "schedules" ? <SchedulesTab owner={{ kind: "function", name: f.name }} /> : null}
        {tab === "triggers" ? (
          <TriggersTab owner={{ kind: "function", name: f.name, timeoutSec: f.timeoutSec }} />
        ) : null}
        {tab === "configuration" ? <ConfigurationTab key={f.updatedAt} fn={f} /> : null}
        {tab === "versions" ? <VersionsTab fn={f} /> : null}
      </Tabs>
    </div>
  );
}
