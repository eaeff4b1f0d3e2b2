import { route } from "@/lib/http/route";
import { listScheduleFires } from "@/lib/services/schedules";

type P = { name: string; id: string };

export const GET = route<P>(async ({ params, platform }) =>
  listScheduleFires(platform.services, { stateMachine: params.name }, params.id),
);
