/** Client side of state machines and their executions: query keys, typed fetchers and hooks (React Query). */
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/http/client";
import type { Json } from "@/lib/queries/json";
import type { ExecutionRecord, ExecutionStatus, HistoryEventRecord } from "@/lib/services/executions";
import type { DefinitionCheck, StateMachineRecord } from "@/lib/services/state-machines";

export type { ExecutionStatus };
export type MachineType = StateMachineRecord["type"];
export type StateMachineJson = Json<StateMachineRecord>;
export type ExecutionJson = Json<ExecutionRecord>;
export type HistoryEventJson = Json<HistoryEventRecord>;
export type DefinitionDiagnostic = DefinitionCheck["diagnostics"][number];
export interface DefinitionCheckJson {
  ok: boolean;
  diagnostics: DefinitionDiagnostic[];
}

export const EXECUTION_STATUSES = ["RUNNING", "SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED"] as const;

/** A machine on the list page: what it is, and how its recent executions went. */
export type { StateMachineSummary } from "@/lib/services/state-machines/summaries";
import type { StateMachineSummary } from "@/lib/services/state-machines/summaries";

/** An execution in a list: no input, output or definition (those are on its own page). */
export interface ExecutionSummary {
  name: string;
  arn: string;
  type: MachineType;
  status: ExecutionStatus;
  startedAt: string;
  stoppedAt: string | null;
  redriveCount: number;
}

export interface ExecutionPage {
  items: ExecutionSummary[];
  nextCursor: string | null;
}

/** An execution with its whole history (capped: `truncated` says the oldest events are all there is). */
export interface ExecutionDetail {
  execution: ExecutionJson;
  events: HistoryEventJson[];
  truncated: boolean;
}

/** What starting an execution answers: a Standard one is under way; an Express one has already ended. */
export interface StartedExecution {
  arn: string;
  name: string;
  status?: ExecutionStatus;
  error?: string | null;
}

export interface CreateStateMachineBody {
  name: string;
  definition: string;
  type: MachineType;
  description?: string;
}

/** The list page counts this many of each machine's newest executions. */
export const RECENT_EXECUTIONS = 50;
/** A running execution's page follows it this often. */
export const LIVE_REFRESH_MS = 1_000;
const enc = encodeURIComponent;
const base = (name: string) => `/api/state-machines/${enc(name)}`;

export const stateMachineKeys = {
  all: ["state-machines"] as const,
  list: () => [...stateMachineKeys.all, "list"] as const,
  detail: (name: string) => [...stateMachineKeys.all, "detail", name] as const,
  check: (type: MachineType, definition: string) => [...stateMachineKeys.all, "check", type, definition] as const,
  executions: (name: string) => [...stateMachineKeys.all, "executions", name] as const,
  executionList: (name: string, status: ExecutionStatus | null) =>
    [...stateMachineKeys.executions(name), "list", status] as const,
  execution: (name: string, execution: string) => [...stateMachineKeys.executions(name), "one", execution] as const,
};

export function useStateMachines() {
  return useQuery({
    queryKey: stateMachineKeys.list(),
    queryFn: ({ signal }) => api<StateMachineSummary[]>("/api/state-machines", { signal }),
    refetchInterval: 5_000,
    refetchIntervalInBackground: false,
  });
}

export function useStateMachine(name: string) {
  return useQuery({
    queryKey: stateMachineKeys.detail(name),
    queryFn: ({ signal }) => api<StateMachineJson>(base(name), { signal }),
  });
}

/** The server's check of a definition (the same as CreateStateMachine's); `enabled` false while nothing is typed. */
export function useDefinitionCheck(definition: string, type: MachineType, enabled = true) {
  return useQuery({
    queryKey: stateMachineKeys.check(type, definition),
    queryFn: ({ signal }) =>
      api<DefinitionCheckJson>("/api/state-machine-definitions/validate", {
        method: "POST",
        json: { definition, type },
        signal,
      }),
    enabled,
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 60_000,
    // The previous answer's markers stay up until the next one arrives (no flicker while typing).
    placeholderData: keepPreviousData,
  });
}

export function useCreateStateMachine() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateStateMachineBody) =>
      api<StateMachineJson>("/api/state-machines", { method: "POST", json: body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: stateMachineKeys.list() }),
  });
}

export function useUpdateStateMachine(name: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { definition: string; revisionId: string; description?: string }) =>
      api<StateMachineJson>(base(name), { method: "PUT", json: body }),
    onSuccess: (m) => {
      qc.setQueryData(stateMachineKeys.detail(name), m);
      void qc.invalidateQueries({ queryKey: stateMachineKeys.list() });
    },
  });
}

export function useDeleteStateMachine() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => api<void>(base(name), { method: "DELETE" }),
    onSuccess: (_, name) => {
      qc.removeQueries({ queryKey: stateMachineKeys.detail(name) });
      qc.removeQueries({ queryKey: stateMachineKeys.executions(name) });
      return qc.invalidateQueries({ queryKey: stateMachineKeys.list() });
    },
  });
}

/** Newest first, a page at a time; while any shown execution runs the pages are refetched every 2 s. */
export function useExecutions(name: string, status: ExecutionStatus | null) {
  return useInfiniteQuery({
    queryKey: stateMachineKeys.executionList(name, status),
    queryFn: ({ pageParam, signal }) => {
      const p = new URLSearchParams();
      if (status) p.set("status", status);
      if (pageParam) p.set("cursor", pageParam);
      return api<ExecutionPage>(`${base(name)}/executions?${p}`, { signal });
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    refetchInterval: (q) =>
      q.state.data?.pages.some((pg) => pg.items.some((e) => e.status === "RUNNING")) ? 2_000 : false,
  });
}

/** One execution and its history; followed every second while it runs, so its graph is live. */
export function useExecution(machine: string, execution: string) {
  return useQuery({
    queryKey: stateMachineKeys.execution(machine, execution),
    queryFn: ({ signal }) => api<ExecutionDetail>(`${base(machine)}/executions/${enc(execution)}`, { signal }),
    refetchInterval: (q) => (q.state.data?.execution.status === "RUNNING" ? LIVE_REFRESH_MS : false),
    refetchIntervalInBackground: false,
  });
}

export function useStartExecution(machine: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { input: string; name?: string }) =>
      api<StartedExecution>(`${base(machine)}/executions`, { method: "POST", json: body }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: stateMachineKeys.executions(machine) });
      void qc.invalidateQueries({ queryKey: stateMachineKeys.list() });
    },
  });
}

/** Stop or redrive: the execution changes state, so its page and the lists are refetched. */
function useExecutionAction(machine: string, execution: string, action: "stop" | "redrive") {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api<unknown>(`${base(machine)}/executions/${enc(execution)}/${action}`, { method: "POST" }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: stateMachineKeys.executions(machine) });
      void qc.invalidateQueries({ queryKey: stateMachineKeys.list() });
    },
  });
}

export const useStopExecution = (machine: string, execution: string) => useExecutionAction(machine, execution, "stop");
export const useRedriveExecution = (machine: string, execution: string) =>
  useExecutionAction(machine, execution, "redrive");
