import { Suspense } from "react";
import { AuditLog } from "@/components/audit/audit-log";
import { Loading } from "@/components/ui/states";

export const metadata = { title: "Audit log" };

export default function AuditPage() {
  return (
    <Suspense fallback={<Loading label="Loading the audit log…" />}>
      <AuditLog />
    </Suspense>
  );
}
