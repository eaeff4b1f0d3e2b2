import { route, jsonBody } from "@/lib/http/route";
import { invalid } from "@/lib/errors";
import { redriveMessages } from "@/lib/services/queues";

type P = { name: string };

/** POST { messageId? } on a dead-letter queue → the move task: one message, or all, back to their source queues. */
export const POST = route<P>(async ({ req, params, platform }) => {
  const { messageId } = await jsonBody(req);
  if (messageId !== undefined && typeof messageId !== "string") throw invalid("messageId must be a message's id");
  return redriveMessages(platform.services, params.name, { messageId });
});
