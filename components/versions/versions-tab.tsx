"use client";
import { usePathname, useSearchParams } from "next/navigation";
import { useState } from "react";
import { Card, ErrorState, Loading } from "@/components/ui/states";
import { useToast } from "@/components/ui/toast";
import { useIsDark } from "@/components/ui/theme-toggle";
import { useNow } from "@/components/ui/use-time";
import { pickPair, type VersionPair } from "@/components/versions/compare";
import { PublishPanel, type PublishOutcome } from "@/components/versions/publish-panel";
import { VersionDiff } from "@/components/versions/version-diff";
import { VersionsTable, type PendingDelete } from "@/components/versions/versions-table";
import { AliasesPanel } from "@/components/aliases/aliases-panel";
import { ApiError } from "@/lib/http/client";
import type { FunctionJson } from "@/lib/queries/functions";
import { useDeleteVersion, usePublishVersion, useVersions } from "@/lib/queries/versions";

const messageOf = (err: unknown, fallback: string) => (err instanceof ApiError ? err.message : fallback);

/**
 * The function page's Versions tab, the one container that owns its queries and mutations:
 * publish, the versions table with deletes, the aliases (components/aliases), and the diff of two
 * versions (?a=…&b=… in the URL).
 */
export function VersionsTab({ fn }: { fn: FunctionJson }) {
  const list = useVersions(fn.name);
  const publish = usePublishVersion(fn.name);
  const remove = useDeleteVersion(fn.name);
  const toast = useToast();
  const dark = useIsDark();
  const now = useNow(30_000);
  const [outcome, setOutcome] = useState<PublishOutcome | null>(null);
  const [pending, setPending] = useState<PendingDelete | null>(null);

  // The compared pair lives in the URL, written through the History API on the live URL (as the tab is).
  const params = useSearchParams();
  const pathname = usePathname();
  const setPair = (p: VersionPair) => {
    const q = new URLSearchParams(window.location.search);
    q.set("a", p.a);
    q.set("b", p.b);
    window.history.replaceState(null, "", `${pathname}?${q}`);
  };

  if (list.isPending) return <Loading label="Loading versions…" />;
  if (list.isError) return <ErrorState error={list.error} retry={() => void list.refetch()} />;
  const { items, total, latestPublishedAs } = list.data;
  const latest = items[0];
  const pair = pickPair(list.data, params.get("a"), params.get("b"));

  const onPublish = async (description: string) => {
    setOutcome(null);
    try {
      const r = await publish.mutateAsync({ description: description || undefined, codeSha256: latest?.codeSha256 });
      setOutcome({ kind: r.created ? "created" : "unchanged", version: r.version.version });
      // The outcome shows beside the button (no toast). The diff shows what was just frozen: the version
      // before it against it.
      const prev = items.find((v) => v.version !== "$LATEST")?.version;
      if (r.created && prev) setPair({ a: prev, b: r.version.version });
      return r.created;
    } catch (err) {
      setOutcome({ kind: "error", message: messageOf(err, "The server could not be reached.") });
      return false;
    }
  };
  const onConfirmDelete = (version: string) => {
    setPending({ version, busy: true, error: null });
    remove.mutate(version, {
      onSuccess: () => {
        setPending(null);
        toast("success", `Deleted version ${version}`);
      },
      onError: (err) => setPending({ version, busy: false, error: messageOf(err, "Could not delete the version") }),
    });
  };

  return (
    <div className="space-y-4">
      <Card title="Publish a version">
        <PublishPanel
          latestPublishedAs={latestPublishedAs}
          hasVersions={total > 0}
          publishing={publish.isPending}
          outcome={outcome}
          onPublish={onPublish}
        />
      </Card>
      <Card
        title={`Versions (${total} published)`}
        actions={
          total > items.length - 1 ? (
            <span className="text-xs text-slate-500">Showing the newest {items.length - 1}</span>
          ) : null
        }
      >
        <VersionsTable
          items={items}
          now={now}
          pending={pending}
          onAskDelete={(version) => setPending({ version, busy: false, error: null })}
          onConfirmDelete={onConfirmDelete}
          onCancelDelete={() => setPending(null)}
        />
      </Card>
      <AliasesPanel
        functionName={fn.name}
        versions={items.map((v) => ({ version: v.version, description: v.description }))}
      />
      <Card title="Compare versions">
        {pair ? (
          <VersionDiff functionName={fn.name} items={items} pair={pair} onPairChange={setPair} dark={dark} />
        ) : (
          <p className="text-sm text-slate-500 dark:text-slate-400">
            Publish a version to compare it with $LATEST or with other versions.
          </p>
        )}
      </Card>
    </div>
  );
}
