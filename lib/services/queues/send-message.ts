/** Sends one message from the console, under the same rules as SendMessage. */
import { z } from "zod";
import { messageProblem } from "@/lib/message-queues/message-rules";
import type { SentMessage } from "@/lib/message-queues/send";
import type { ServiceContext } from "@/lib/services/context";
import { recordAudit } from "@/lib/services/audit/record";
import { parseInput } from "@/lib/services/validate";
import { queueNotFound } from "@/lib/services/queues/get";
import { queueRuntime } from "@/lib/services/queues/runtime";

export const sendMessageInput = z.object({
  body: z.string({ error: "The message body must be text" }),
  delaySec: z.number().int().min(0).optional(),
  groupId: z.string().optional(),
  dedupId: z.string().optional(),
  attributes: z
    .record(
      z.string(),
      z.object({ DataType: z.string(), StringValue: z.string().optional(), BinaryValue: z.string().optional() }),
    )
    .optional(),
});

export async function sendQueueMessage(
  ctx: ServiceContext,
  name: string,
  input: z.input<typeof sendMessageInput>,
): Promise<SentMessage> {
  const data = parseInput(sendMessageInput, input);
  const rt = queueRuntime(ctx);
  rt.directory.forget(name); // read it as it is now (it may have been made on another server a moment ago)
  const q = await rt.directory.get(name);
  if (!q) throw queueNotFound(name);
  const problem = messageProblem(data, { ...q, maxDelaySec: rt.limits.maxDelaySec });
  if (problem) throw problem;
  const [sent] = await rt.store.send(q, [data]);
  await ctx.db.$transaction((tx) =>
    recordAudit(tx, ctx, "queue.send-message", name, {
      messageId: sent!.messageId,
      bytes: Buffer.byteLength(data.body),
    }),
  );
  return sent!;
}
