import { route } from "@/lib/http/route";
import { invalid } from "@/lib/errors";
import { queueActivity } from "@/lib/services/queues";

type P = { name: string };

const HOURS = ["1", "6", "24"];

/** GET ?hours=1|6|24 → sent, received and deleted per minute, oldest first. */
export const GET = route<P>(async ({ req, params, platform }) => {
  const hours = new URL(req.url).searchParams.get("hours") ?? "1";
  if (!HOURS.includes(hours)) throw invalid(`hours must be one of ${HOURS.join(", ")} (got "${hours.slice(0, 20)}")`);
  return queueActivity(platform.services, params.name, Number(hours));
});
