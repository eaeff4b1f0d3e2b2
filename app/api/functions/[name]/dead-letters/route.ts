import { route } from "@/lib/http/route";
import { listDeadLetters } from "@/lib/services/dead-letters";

type P = { name: string };

export const GET = route<P>(async ({ params, platform }) => listDeadLetters(platform.services, params.name));
