import { route } from "@/lib/http/route";

/** What this server runs user code with: the isolation level and its layers, the runtime, the network. */
export const GET = route(async ({ platform }) => {
  const { isolation, runtime, network } = platform.executor.stats();
  return { isolation, runtime, network };
});
