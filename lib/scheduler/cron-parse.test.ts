import { describe, expect, it } from "vitest";
import { parseScheduleExpression, type CronSchedule } from "@/lib/scheduler/expression";
import { refusal } from "@/lib/scheduler/test/helpers";

const cron = (expression: string) => parseScheduleExpression(expression) as CronSchedule;
const range = (a: number, b: number, step = 1) =>
  Array.from({ length: Math.floor((b - a) / step) + 1 }, (_, i) => a + i * step);

describe("cron() fields", () => {
  it("minutes: values, ranges, lists, increments", () => {
    expect(cron("cron(7 * * * ? *)").minutes).toEqual([7]);
    expect(cron("cron(* * * * ? *)").minutes).toEqual(range(0, 59));
    expect(cron("cron(10-14 * * * ? *)").minutes).toEqual([10, 11, 12, 13, 14]);
    expect(cron("cron(0,15,45,15 * * * ? *)").minutes).toEqual([0, 15, 45]);
    expect(cron("cron(*/15 * * * ? *)").minutes).toEqual([0, 15, 30, 45]);
    expect(cron("cron(5/20 * * * ? *)").minutes).toEqual([5, 25, 45]);
    expect(cron("cron(10-30/10 * * * ? *)").minutes).toEqual([10, 20, 30]);
    expect(cron("cron(0-4,50/5 * * * ? *)").minutes).toEqual([0, 1, 2, 3, 4, 50, 55]);
  });

  it("hours", () => {
    expect(cron("cron(0 */6 * * ? *)").hours).toEqual([0, 6, 12, 18]);
    expect(cron("cron(0 9-17 * * ? *)").hours).toEqual(range(9, 17));
    expect(cron("cron(0 0,23 * * ? *)").hours).toEqual([0, 23]);
  });

  it("day-of-month", () => {
    expect(cron("cron(0 0 1,15 * ? *)").dayRule).toEqual({ type: "monthDays", days: [1, 15] });
    expect(cron("cron(0 0 */10 * ? *)").dayRule).toEqual({ type: "monthDays", days: [1, 11, 21, 31] });
    expect(cron("cron(0 0 * * ? *)").dayRule).toEqual({ type: "monthDays", days: range(1, 31) });
    expect(cron("cron(0 0 L * ? *)").dayRule).toEqual({ type: "lastDay" });
    expect(cron("cron(0 0 lw * ? *)").dayRule).toEqual({ type: "lastBusinessDay" });
    expect(cron("cron(0 0 15W * ? *)").dayRule).toEqual({ type: "nearestBusinessDay", day: 15 });
  });

  it("month: numbers and case-insensitive names", () => {
    expect(cron("cron(0 0 1 JAN-MAR ? *)").months).toEqual([1, 2, 3]);
    expect(cron("cron(0 0 1 jan,Jul,DEC ? *)").months).toEqual([1, 7, 12]);
    expect(cron("cron(0 0 1 */4 ? *)").months).toEqual([1, 5, 9]);
    expect(cron("cron(0 0 1 FEB/3 ? *)").months).toEqual([2, 5, 8, 11]);
    expect(cron("cron(0 0 1 6 ? *)").months).toEqual([6]);
  });

  it("day-of-week: 1 = SUN … 7 = SAT, names, L, nL, n#k", () => {
    expect(cron("cron(0 0 ? * MON-FRI *)").dayRule).toEqual({ type: "weekDays", days: [2, 3, 4, 5, 6] });
    expect(cron("cron(0 0 ? * sun,sat *)").dayRule).toEqual({ type: "weekDays", days: [1, 7] });
    expect(cron("cron(0 0 ? * 2-6/2 *)").dayRule).toEqual({ type: "weekDays", days: [2, 4, 6] });
    expect(cron("cron(0 0 ? * * *)").dayRule).toEqual({ type: "weekDays", days: range(1, 7) });
    expect(cron("cron(0 0 ? * L *)").dayRule).toEqual({ type: "weekDays", days: [7] });
    expect(cron("cron(0 0 ? * 5L *)").dayRule).toEqual({ type: "lastWeekDay", weekDay: 5 });
    expect(cron("cron(0 0 ? * friL *)").dayRule).toEqual({ type: "lastWeekDay", weekDay: 6 });
    expect(cron("cron(0 0 ? * 3#2 *)").dayRule).toEqual({ type: "nthWeekDay", weekDay: 3, nth: 2 });
    expect(cron("cron(0 0 ? * MON#1 *)").dayRule).toEqual({ type: "nthWeekDay", weekDay: 2, nth: 1 });
  });

  it("year: 1970-2199, with ranges and increments", () => {
    expect(cron("cron(0 0 1 1 ? *)").years).toEqual(range(1970, 2199));
    expect(cron("cron(0 0 1 1 ? 2026)").years).toEqual([2026]);
    expect(cron("cron(0 0 1 1 ? 2026-2028,2030)").years).toEqual([2026, 2027, 2028, 2030]);
    expect(cron("cron(0 0 1 1 ? 2026/50)").years).toEqual([2026, 2076, 2126, 2176]);
  });
});

describe("cron() '?' rule", () => {
  it("needs exactly one of day-of-month and day-of-week to be '?'", () => {
    expect(cron("cron(0 0 1 * ? *)").dayRule.type).toBe("monthDays");
    expect(cron("cron(0 0 ? * 1 *)").dayRule.type).toBe("weekDays");
    const both = refusal("cron(0 0 ? * ? *)");
    expect(both.message).toBe(
      "cron: day-of-month and day-of-week can't both be '?': give one of them a value (e.g. '*') (field 5, at character 14)",
    );
    const neither = refusal("cron(0 0 * * MON *)");
    expect(neither.message).toContain(
      "day-of-month '*' and day-of-week 'MON' can't both be set: one of them must be '?'",
    );
    // Points at the '*' that should become '?'.
    expect([neither.field, neither.position]).toEqual(["day-of-month", 9]);
    expect(refusal("cron(0 0 1 * * *)").field).toBe("day-of-week");
  });

  it("allows '?' only alone and only in the day fields", () => {
    expect(refusal("cron(? 0 1 * ? *)").message).toContain("'?' must be the whole field");
    expect(refusal("cron(0 0 1,? * ? *)").field).toBe("day-of-month");
  });
});
