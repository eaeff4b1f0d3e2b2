import { route } from "@/lib/http/route";
import { listDeadLetters } from "@/lib/services/dead-letters";

type P = { name: string };

export const GET = route<P>(async ({ params, rt }) => listDeadLetters(rt.services, params.name));
