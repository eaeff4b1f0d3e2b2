/**
 * When and with what a slot is delivered: the offset a flexible time window gives it, the
 * backoff between delivery retries, and the event a function without fixed input receives.
 * Pure, so every server computes the same answers.
 */
import { createHash, randomUUID } from "node:crypto";

/**
 * Where in its flexible window a slot fires: a pseudo-random offset in [0, window) derived from
 * the schedule and the slot, so every server (and a restarted one) agrees on the same instant.
 */
export function flexibleOffsetMs(scheduleId: string, slotMs: number, windowMinutes: number | null): number {
  if (!windowMinutes || windowMinutes <= 0) return 0;
  const h = createHash("sha256").update(`${scheduleId}:${slotMs}`).digest();
  return Math.floor((h.readUInt32BE(0) / 2 ** 32) * windowMinutes * 60_000);
}

const RETRY_CAP_MS = 60_000;

/** Exponential backoff before delivery retry `attempt` (2, 3, …): 1 s, 2 s, 4 s … at most a minute. */
export function retryDelayMs(attempt: number, baseMs = 1000): number {
  return Math.min(RETRY_CAP_MS, baseMs * 2 ** Math.max(0, attempt - 2));
}

export function scheduleArn(region: string, accountId: string, groupName: string, name: string): string {
  return `arn:aws:scheduler:${region}:${accountId}:schedule/${groupName}/${name}`;
}

/** EventBridge's Scheduled Event, as a function without fixed input receives it. */
export function scheduledEvent(
  o: { region: string; accountId: string },
  s: { groupName: string; name: string },
  slotMs: number,
) {
  return {
    version: "0",
    id: randomUUID(),
    "detail-type": "Scheduled Event",
    source: "aws.events",
    account: o.accountId,
    time: new Date(slotMs).toISOString().replace(/\.\d{3}Z$/, "Z"),
    region: o.region,
    resources: [scheduleArn(o.region, o.accountId, s.groupName, s.name)],
    detail: {},
  };
}
