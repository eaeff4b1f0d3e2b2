"use client";
import Link from "next/link";
import { Card, ErrorState, Loading } from "@/components/ui/states";
import { useAuditEvents } from "@/lib/queries/audit";
import { AuditTable } from "@/components/audit/audit-table";

/** The function's own recent audit entries, under its configuration. */
export function FunctionAuditHistory({ functionName }: { functionName: string }) {
  const q = useAuditEvents({ resource: functionName, limit: 10 });
  return (
    <Card
      className="mt-4"
      title="Audit history"
      actions={
        <Link
          href={`/audit?resource=${encodeURIComponent(functionName)}`}
          className="text-sm text-sky-700 hover:underline dark:text-sky-400"
        >
          All entries →
        </Link>
      }
    >
      {q.isPending ? (
        <Loading label="Loading audit history…" />
      ) : q.isError ? (
        <ErrorState error={q.error} retry={() => void q.refetch()} />
      ) : (
        <AuditTable items={q.data.items} showResource={false} />
      )}
    </Card>
  );
}
