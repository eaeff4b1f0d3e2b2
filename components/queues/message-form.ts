/** The send-message form's rules, SendMessage's mirrored (lib/message-queues/message-rules.ts), pure. */
import type { QueueJson, SendMessageInput } from "@/lib/queries/queues";

export interface MessageDraft {
  body: string;
  /** "" for the queue's own delay (standard queues only). */
  delaySec: string;
  groupId: string;
  dedupId: string;
}

export type MessageErrors = Partial<Record<keyof MessageDraft, string>>;

export const EMPTY_MESSAGE: MessageDraft = { body: "", delaySec: "", groupId: "", dedupId: "" };

const ID_TEXT = /^[\x21-\x7e]{1,128}$/;
type Rules = Pick<QueueJson, "fifo" | "maxMessageBytes" | "contentBasedDedup">;

export function validateMessage(d: MessageDraft, q: Rules, maxDelaySec: number): MessageErrors {
  const e: MessageErrors = {};
  if (d.body === "") e.body = "Enter a message body";
  else {
    const bytes = new TextEncoder().encode(d.body).length;
    if (bytes > q.maxMessageBytes) e.body = `The body is ${bytes} bytes; this queue takes at most ${q.maxMessageBytes}`;
  }
  if (!q.fifo && d.delaySec.trim() !== "") {
    const s = d.delaySec.trim();
    if (!/^\d+$/.test(s) || +s > maxDelaySec) e.delaySec = `Delay must be between 0 and ${maxDelaySec} seconds`;
  }
  if (q.fifo) {
    if (!ID_TEXT.test(d.groupId))
      e.groupId = "A FIFO queue needs a message group id: 1 to 128 letters, digits or punctuation";
    if (d.dedupId !== "" && !ID_TEXT.test(d.dedupId))
      e.dedupId = "The deduplication id is 1 to 128 letters, digits or punctuation";
    else if (d.dedupId === "" && !q.contentBasedDedup)
      e.dedupId = "This queue has no content-based deduplication: give a deduplication id";
  }
  return e;
}

/** The POST body: only what applies to the queue's kind. */
export function toMessageRequest(d: MessageDraft, fifo: boolean): SendMessageInput {
  if (fifo) return { body: d.body, groupId: d.groupId, ...(d.dedupId ? { dedupId: d.dedupId } : {}) };
  return { body: d.body, ...(d.delaySec.trim() !== "" ? { delaySec: Number(d.delaySec) } : {}) };
}
