"use client";
import { serverNetwork } from "@/components/functions/egress-settings";
import { useSystem } from "@/lib/queries/system";

const FULL_TONE = "bg-emerald-100 text-emerald-800 dark:bg-emerald-900/40 dark:text-emerald-300";
const REDUCED_TONE = "bg-amber-100 text-amber-900 dark:bg-amber-900/40 dark:text-amber-200";

/** How this function's sandbox is walled in, said plainly; the layers (and what is missing) on demand. */
export function IsolationBadge() {
  const sys = useSystem();
  if (!sys.data) return null;
  const { isolation } = sys.data;
  const full = isolation.level === "full";
  const network = serverNetwork(sys.data);
  return (
    <details className="relative text-sm" data-testid="isolation">
      <summary
        className={`cursor-pointer list-none rounded-full px-2.5 py-0.5 font-medium ${full ? FULL_TONE : REDUCED_TONE}`}
      >
        Isolation: {full ? "full" : "reduced"}
        <span className="ml-1.5 font-normal" data-testid="network">
          · Network: {network?.mode ?? "none"}
        </span>
      </summary>
      <div
        className={
          "absolute right-0 z-10 mt-2 w-96 rounded-lg border border-slate-200 bg-white p-3 shadow-lg " +
          "dark:border-slate-700 dark:bg-slate-900"
        }
      >
        <p className="mb-1 font-medium">Layers around this function&apos;s sandbox</p>
        <ul className="list-disc pl-5 text-slate-600 dark:text-slate-300">
          {isolation.layers.map((l) => (
            <li key={l}>{l}</li>
          ))}
        </ul>
        {isolation.missing.length > 0 ? (
          <>
            <p className="mt-2 font-medium text-amber-800 dark:text-amber-300">Missing on this server</p>
            <ul className="list-disc pl-5 text-slate-600 dark:text-slate-300">
              {isolation.missing.map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          </>
        ) : null}
        <p className="mt-2 text-slate-600 dark:text-slate-300">
          Network: {network ? `${network.mode} — ${network.reason}` : "none"}. Each function chooses internet, none or
          an allow list on its Configuration tab.
        </p>
      </div>
    </details>
  );
}
