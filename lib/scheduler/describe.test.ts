import { describe, expect, it } from "vitest";
import { describeSchedule, parseScheduleExpression } from "@/lib/scheduler/expression";

const text = (expression: string) => describeSchedule(parseScheduleExpression(expression));

describe("describeSchedule", () => {
  it("rate and at", () => {
    expect(text("rate(1 minute)")).toBe("every minute");
    expect(text("rate(5 minutes)")).toBe("every 5 minutes");
    expect(text("rate(2 days)")).toBe("every 2 days");
    expect(text("at(2026-03-08T02:30:00)")).toBe("once at 2026-03-08 02:30:00");
  });

  it("common crons", () => {
    expect(text("cron(0 8 ? * MON-FRI *)")).toBe("at 08:00 on Monday through Friday");
    expect(text("cron(0 12 * * ? *)")).toBe("at 12:00");
    expect(text("cron(30 9,17 ? * MON,WED,FRI *)")).toBe("at 09:30 and 17:30 on Monday, Wednesday and Friday");
    expect(text("cron(*/5 * * * ? *)")).toBe("every 5 minutes");
    expect(text("cron(* * * * ? *)")).toBe("every minute");
    expect(text("cron(0 * * * ? *)")).toBe("every hour at minute 0");
    expect(text("cron(0/15 9-17 ? * MON-FRI *)")).toBe(
      "every 15 minutes during hours 9 through 17 on Monday through Friday",
    );
    expect(text("cron(0 */6 * * ? *)")).toBe("at 00:00, 06:00, 12:00 and 18:00");
    expect(text("cron(15 */2 * * ? *)")).toBe("every 2 hours at minute 15");
    expect(text("cron(10,40 8,20 * * ? *)")).toBe("at minutes 10 and 40 during hours 8 and 20");
  });

  it("special days, months and years", () => {
    expect(text("cron(0 0 L * ? *)")).toBe("at 00:00 on the last day of the month");
    expect(text("cron(0 0 LW * ? *)")).toBe("at 00:00 on the last weekday of the month");
    expect(text("cron(0 0 15W * ? *)")).toBe("at 00:00 on the weekday nearest day 15 of the month");
    expect(text("cron(0 0 ? * 3#2 *)")).toBe("at 00:00 on the second Tuesday of the month");
    expect(text("cron(0 0 ? * 5L *)")).toBe("at 00:00 on the last Thursday of the month");
    expect(text("cron(0 0 1,15 JAN-MAR ? 2026)")).toBe(
      "at 00:00 on day 1 and 15 of the month in January through March in 2026",
    );
  });
});
