import { Badge } from "@/components/ui/badge";
import type { ExecutionStatus, MachineType } from "@/lib/queries/state-machines";
import { STATUS_LABEL, STATUS_TONE } from "@/components/workflows/execution-format";

export function MachineTypeBadge({ type }: { type: MachineType }) {
  return (
    <Badge tone={type === "EXPRESS" ? "accent" : "neutral"} title={type === "EXPRESS" ? "Express" : "Standard"}>
      {type === "EXPRESS" ? "Express" : "Standard"}
    </Badge>
  );
}

export function ExecutionStatusBadge({ status }: { status: ExecutionStatus }) {
  return (
    <span data-testid="execution-status" data-status={status}>
      <Badge tone={STATUS_TONE[status]}>
        {status === "RUNNING" ? (
          <span aria-hidden className="mr-1.5 inline-block h-1.5 w-1.5 animate-pulse rounded-full bg-current" />
        ) : null}
        {STATUS_LABEL[status]}
      </Badge>
    </span>
  );
}
