/**
 * What a schedule has beyond the console editor's fields (set through the Scheduler API), as
 * short labels for its row: the version or alias it targets, its flexible window, its start
 * and end, delivery retries, and whether it is deleted once it completes. Pure.
 */
import type { ScheduleJson } from "@/lib/queries/schedules";
import { formatInZone } from "@/components/schedules/zoned-time";

export interface ScheduleExtra {
  label: string;
  title: string;
}

export function scheduleExtras(s: ScheduleJson): ScheduleExtra[] {
  const out: ScheduleExtra[] = [];
  if (s.qualifier)
    out.push({
      label: /^\d+$/.test(s.qualifier) ? `version ${s.qualifier}` : s.qualifier,
      title: `Invokes ${s.qualifier === "$LATEST" ? "$LATEST" : /^\d+$/.test(s.qualifier) ? "this version" : "this alias"}`,
    });
  if (s.groupName !== "default") out.push({ label: `group ${s.groupName}`, title: "Its schedule group" });
  if (s.flexibleWindowMinutes !== null)
    out.push({
      label: `within ${s.flexibleWindowMinutes} min`,
      title: "Flexible time window: each fire happens at some point within this many minutes after its time",
    });
  if (s.startDate)
    out.push({ label: `from ${formatInZone(s.startDate, s.timeZone)}`, title: "StartDate: no fires before it" });
  if (s.endDate)
    out.push({ label: `until ${formatInZone(s.endDate, s.timeZone)}`, title: "EndDate: no fires after it" });
  if (s.maximumRetryAttempts !== 185)
    out.push({
      label: `${s.maximumRetryAttempts} ${s.maximumRetryAttempts === 1 ? "retry" : "retries"}`,
      title: "Delivery retries when the target cannot be reached",
    });
  if (s.actionAfterCompletion === "DELETE")
    out.push({ label: "deleted when done", title: "ActionAfterCompletion DELETE: deleted once it has no more fires" });
  return out;
}
