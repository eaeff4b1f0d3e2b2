import { route } from "@/lib/http/route";
import { previewSchedule } from "@/lib/services/schedules";

/** Validates an expression as the user types and returns its next 5 fire times. */
export const GET = route(async ({ req }) => {
  const q = new URL(req.url).searchParams;
  return previewSchedule(q.get("expression") ?? "", q.get("timeZone") || "UTC", 5);
});
