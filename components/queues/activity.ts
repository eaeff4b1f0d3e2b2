/**
 * A queue's per-minute traffic cut into the chart's buckets (pure): minutes for the last hour,
 * 5 minutes over 6 hours, 15 over 24, so no chart draws more than a hundred-odd points.
 */
import type { ActivityHours, QueueActivityPoint } from "@/lib/queries/queues";

const MINUTE = 60_000;
export const ACTIVITY_STEP_MS: Record<ActivityHours, number> = { 1: MINUTE, 6: 5 * MINUTE, 24: 15 * MINUTE };

export interface ActivityBucket {
  t: number;
  sent: number;
  received: number;
  deleted: number;
}

export interface ActivitySeries {
  stepMs: number;
  buckets: ActivityBucket[];
  totals: { sent: number; received: number; deleted: number };
}

export function bucketActivity(points: readonly QueueActivityPoint[], hours: ActivityHours): ActivitySeries {
  const stepMs = ACTIVITY_STEP_MS[hours];
  const byStart = new Map<number, ActivityBucket>();
  const totals = { sent: 0, received: 0, deleted: 0 };
  for (const p of points) {
    const t = Math.floor(Date.parse(p.t) / stepMs) * stepMs;
    const b = byStart.get(t) ?? { t, sent: 0, received: 0, deleted: 0 };
    b.sent += p.sent;
    b.received += p.received;
    b.deleted += p.deleted;
    byStart.set(t, b);
    totals.sent += p.sent;
    totals.received += p.received;
    totals.deleted += p.deleted;
  }
  return { stepMs, buckets: [...byStart.values()].sort((a, b) => a.t - b.t), totals };
}

const PHRASE: Record<ActivityHours, string> = { 1: "the last hour", 6: "the last 6 hours", 24: "the last 24 hours" };

/** The chart's caption and accessible name: the totals in words. */
export function activitySummary(totals: ActivitySeries["totals"], hours: ActivityHours): string {
  const n = (v: number) => v.toLocaleString("en-US");
  return `${n(totals.sent)} sent, ${n(totals.received)} received, ${n(totals.deleted)} deleted in ${PHRASE[hours]}`;
}
