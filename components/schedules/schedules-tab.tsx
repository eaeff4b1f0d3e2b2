"use client";
import { usePathname, useSearchParams } from "next/navigation";
import { useMemo, useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, ErrorState, Loading } from "@/components/ui/states";
import { useToast } from "@/components/ui/toast";
import { ApiError } from "@/lib/http/client";
import {
  FIRES_REFRESH_MS,
  useCreateSchedule,
  useDeleteSchedule,
  useScheduleFires,
  useSchedulePreviews,
  useSchedules,
  useUpdateSchedule,
  type ScheduleInput,
  type ScheduleJson,
  type ScheduleOwnerRef,
} from "@/lib/queries/schedules";
import { FireHistory } from "@/components/schedules/fire-history";
import { browserTimeZone } from "@/components/schedules/presets";
import { ScheduleEditor } from "@/components/schedules/schedule-editor";
import { ScheduleList } from "@/components/schedules/schedule-list";
import { useNow } from "@/components/ui/use-time";

/** The Schedules tab of a function's (or a state machine's) page: the one container that owns the queries and mutations. */
export function SchedulesTab({ owner }: { owner: ScheduleOwnerRef }) {
  const list = useSchedules(owner);
  const create = useCreateSchedule(owner);
  const update = useUpdateSchedule(owner);
  const remove = useDeleteSchedule(owner);
  const toast = useToast();
  const now = useNow(15_000);
  const [defaultZone] = useState(browserTimeZone);
  /** "new", the id of the schedule being edited, or null. */
  const [editing, setEditing] = useState<string | null>(null);

  // The selected schedule is in the URL (?schedule=…) so a history can be linked; written through
  // the History API on the live URL, as the function page does for its tab.
  const params = useSearchParams();
  const pathname = usePathname();
  const select = (id: string | null) => {
    const p = new URLSearchParams(window.location.search);
    if (id) p.set("schedule", id);
    else p.delete("schedule");
    window.history.replaceState(null, "", `${pathname}?${p}`);
  };

  const schedules = useMemo(() => list.data ?? [], [list.data]);
  const previewResults = useSchedulePreviews(schedules);
  const previews = new Map(schedules.map((s, i) => [s.id, previewResults[i]?.data]));
  const selected = schedules.find((s) => s.id === params.get("schedule")) ?? schedules[0] ?? null;
  const fires = useScheduleFires(owner, selected?.id ?? null);
  const edited = editing && editing !== "new" ? (schedules.find((s) => s.id === editing) ?? null) : null;

  const fail = (err: unknown, fallback: string) => toast("error", err instanceof ApiError ? err.message : fallback);

  const save = async (body: ScheduleInput) => {
    if (edited) {
      const row = await update.mutateAsync({ id: edited.id, ...body });
      toast("success", `Schedule ${row.name} saved`);
    } else {
      const row = await create.mutateAsync(body);
      toast("success", `Schedule ${row.name} created`);
      select(row.id);
    }
    setEditing(null);
  };
  const toggle = (s: ScheduleJson) =>
    update.mutate(
      { id: s.id, enabled: !s.enabled },
      {
        onSuccess: (row) => toast("success", `${row.name} ${row.enabled ? "enabled" : "paused"}`),
        onError: (err) => fail(err, "Could not change the schedule"),
      },
    );
  const onDelete = (s: ScheduleJson) => {
    if (!confirm(`Delete schedule ${s.name}? It stops firing and its fire history is removed.`)) return;
    remove.mutate(s.id, {
      onSuccess: () => {
        toast("success", `Deleted schedule ${s.name}`);
        if (editing === s.id) setEditing(null);
        if (selected?.id === s.id) select(null);
      },
      onError: (err) => fail(err, "Could not delete the schedule"),
    });
  };

  let body: React.ReactNode;
  if (list.isPending) body = <Loading label="Loading schedules…" />;
  else if (list.isError) body = <ErrorState error={list.error} retry={() => void list.refetch()} />;
  else if (schedules.length === 0)
    body = (
      <div
        className={
          "rounded-lg border border-dashed border-slate-300 p-8 text-center text-sm text-slate-500 " +
          "dark:border-slate-700 dark:text-slate-400"
        }
      >
        No schedules yet — add one to {owner.kind === "function" ? "run this function" : "start this state machine"} on
        a rate or cron.
      </div>
    );
  else
    body = (
      <ScheduleList
        schedules={schedules}
        previews={previews}
        now={now}
        selectedId={selected?.id ?? null}
        busyId={update.isPending && update.variables?.enabled !== undefined ? update.variables.id : null}
        onSelect={(s) => select(s.id)}
        onToggle={toggle}
        onEdit={(s) => setEditing(s.id)}
        onDelete={onDelete}
      />
    );

  return (
    <div className="space-y-4">
      {editing && (editing === "new" || edited) ? (
        <ScheduleEditor
          key={editing}
          initial={edited}
          defaultTimeZone={defaultZone}
          saving={create.isPending || update.isPending}
          onSave={save}
          onCancel={() => setEditing(null)}
        />
      ) : null}
      <Card
        title="Schedules"
        actions={
          <Button variant="primary" onClick={() => setEditing("new")} disabled={editing === "new"}>
            Add schedule
          </Button>
        }
      >
        {body}
      </Card>
      {selected ? (
        <Card
          title={`Fire history · ${selected.name}`}
          actions={
            <span className="text-xs text-slate-500 dark:text-slate-400">
              Checking every {FIRES_REFRESH_MS / 1000} s
            </span>
          }
        >
          {fires.isPending ? (
            <Loading label="Loading fire history…" />
          ) : fires.isError && !fires.data ? (
            <ErrorState error={fires.error} retry={() => void fires.refetch()} />
          ) : fires.data.length === 0 ? (
            <p className="text-sm text-slate-500 dark:text-slate-400">
              {selected.enabled
                ? "Not fired yet. Fires appear here as they happen."
                : "Not fired yet. The schedule is paused."}
            </p>
          ) : (
            <FireHistory owner={owner} timeZone={selected.timeZone} fires={fires.data} />
          )}
        </Card>
      ) : null}
    </div>
  );
}
