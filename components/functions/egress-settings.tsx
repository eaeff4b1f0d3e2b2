"use client";
import { useId } from "react";
import { Card } from "@/components/ui/states";
import type { ConfigDraft, EgressMode } from "@/components/functions/configuration-form";
import { type SystemJson, useSystem } from "@/lib/queries/system";

const MODES: Array<{ value: EgressMode; label: string; hint: string }> = [
  {
    value: "internet",
    label: "Internet",
    hint:
      "Any public address, by fetch, http(s), raw TCP or DNS. Never loopback, private ranges, link-local and " +
      "metadata addresses, this server's own addresses or its database, whatever a name resolves to.",
  },
  { value: "none", label: "None", hint: "No outbound connections at all." },
  {
    value: "allow-list",
    label: "Allow list",
    hint: "Only the host names below (and the addresses they resolve to); other names do not resolve.",
  },
];

/** The server's outbound network, as /api/system reports it (null while it loads). */
export function serverNetwork(system: SystemJson | undefined): SystemJson["network"] | null {
  return system?.network ?? null;
}

/** Outbound network of the function: internet (filtered), none, or an allow list of host names. */
export function EgressSettings({
  draft,
  set,
  error,
}: {
  draft: Pick<ConfigDraft, "egressMode" | "egressAllow">;
  set: (patch: Partial<ConfigDraft>) => void;
  error?: string;
}) {
  const id = useId();
  const network = serverNetwork(useSystem().data);
  return (
    <Card title="Outbound network">
      <fieldset className="space-y-2" data-testid="egress">
        <legend className="sr-only">Outbound network</legend>
        {MODES.map((m) => (
          <label key={m.value} className="flex items-start gap-2 text-sm">
            <input
              type="radio"
              name={`${id}-egress`}
              value={m.value}
              checked={draft.egressMode === m.value}
              onChange={() => set({ egressMode: m.value })}
              className="mt-1"
            />
            <span>
              <span className="font-medium">{m.label}</span>
              <span className="block text-xs text-slate-500 dark:text-slate-400">{m.hint}</span>
            </span>
          </label>
        ))}
      </fieldset>
      {draft.egressMode === "allow-list" ? (
        <div className="mt-3">
          <label htmlFor={`${id}-allow`} className="mb-1 block text-sm font-medium text-slate-700 dark:text-slate-200">
            Allowed hosts
          </label>
          <textarea
            id={`${id}-allow`}
            rows={4}
            value={draft.egressAllow}
            onChange={(e) => set({ egressAllow: e.target.value })}
            placeholder={"api.example.com\n*.example.org"}
            aria-invalid={error ? true : undefined}
            aria-describedby={`${id}-allow-note`}
            className={
              "w-full rounded-md border bg-white px-3 py-1.5 font-mono text-sm dark:bg-slate-900 " +
              (error ? "border-red-500" : "border-slate-300 dark:border-slate-600")
            }
          />
          {error ? (
            <p role="alert" className="mt-1 text-sm text-red-600 dark:text-red-400">
              {error}
            </p>
          ) : null}
          <p id={`${id}-allow-note`} className="mt-1 text-xs text-slate-500 dark:text-slate-400">
            One per line, at most 50: host names, *.patterns (any name below the domain) or public addresses.
          </p>
        </div>
      ) : null}
      {network && network.mode !== "internet (filtered)" ? (
        <p className="mt-3 text-sm text-amber-800 dark:text-amber-300">
          This server gives functions no outbound network ({network.reason}); the setting takes effect where it can.
        </p>
      ) : null}
      <p className="mt-3 text-xs text-slate-500 dark:text-slate-400">
        Every connection is recorded with the invocation; a refused one fails at once and says why in the log. The
        Lambda API has no such setting (VpcConfig is the nearest, and is not used).
      </p>
    </Card>
  );
}
