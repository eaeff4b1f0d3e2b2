import { Badge } from "@/components/ui/badge";
import type { MappingJson } from "@/lib/queries/event-sources";
import { resultTone, stateTone } from "@/components/event-sources/trigger-form";

/** A mapping's state (Creating, Enabled, Disabling, Disabled…) in words and colour. */
export function MappingState({ state }: { state: string }) {
  return <Badge tone={stateTone(state)}>{state}</Badge>;
}

/** The pollers' last word on a batch: OK, a partial failure, or the problem. */
export function ProcessingResult({ mapping }: { mapping: Pick<MappingJson, "lastProcessingResult"> }) {
  return (
    <Badge tone={resultTone(mapping)} title={mapping.lastProcessingResult}>
      {mapping.lastProcessingResult}
    </Badge>
  );
}
