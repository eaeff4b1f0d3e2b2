import { describe, expect, it } from "vitest";
import { refusal } from "@/lib/scheduler/test/helpers";
import { parseScheduleExpression, ScheduleExpressionError } from "@/lib/scheduler/expression";

// Each refusal names the field and the 1-based character; `position` is the 0-based index.
describe("cron() errors say what and where", () => {
  const cases: [string, string, string, number][] = [
    ["cron(0 12 ? * 9 *)", "day-of-week '9' is out of range 1-7", "day-of-week", 14],
    ["cron(60 * * * ? *)", "minutes '60' is out of range 0-59", "minutes", 5],
    ["cron(0 24 * * ? *)", "hours '24' is out of range 0-23", "hours", 7],
    ["cron(0 0 0 * ? *)", "day-of-month '0' is out of range 1-31", "day-of-month", 9],
    ["cron(0 0 1 13 ? *)", "month '13' is out of range 1-12", "month", 11],
    ["cron(0 0 1 1 ? 1969)", "year '1969' is out of range 1970-2199", "year", 15],
    ["cron(0 0 1 1 ? 2200)", "year '2200' is out of range 1970-2199", "year", 15],
    ["cron(0 0 ? * MON-FOO *)", "day-of-week 'FOO' is not valid: use 1-7 or SUN-SAT", "day-of-week", 17],
    ["cron(0 0 1 JANUARY ? *)", "month 'JANUARY' is not valid: use 1-12 or JAN-DEC", "month", 11],
    ["cron(x * * * ? *)", "minutes 'x' is not a number", "minutes", 5],
    ["cron(0 0 ? * 3#6 *)", "day-of-week '3#6' needs a week number from 1 to 5 after '#'", "day-of-week", 15],
    ["cron(0 0 ? * 8L *)", "day-of-week '8' is out of range 1-7", "day-of-week", 13],
    ["cron(0 0 32W * ? *)", "day-of-month '32' is out of range 1-31", "day-of-month", 9],
    ["cron(*/0 * * * ? *)", "minutes increment '0' must be a whole number from 1 to 60", "minutes", 7],
    ["cron(0 */25 * * ? *)", "hours increment '25' must be a whole number from 1 to 24", "hours", 9],
    ["cron(0 0 1/ * ? *)", "day-of-month is missing an increment after '/'", "day-of-month", 11],
    ["cron(0 20-5 * * ? *)", "hours range '20-5' runs backwards: write '20-23,0-5' to wrap around", "hours", 7],
    ["cron(0 0 ? * FRI-MON *)", "write 'FRI-SAT,SUN-MON' to wrap around", "day-of-week", 13],
    ["cron(0 0 1,,2 * ? *)", "day-of-month has an empty value in its list", "day-of-month", 11],
    ["cron(0 0 3- * ? *)", "day-of-month range '3-' is missing its end after '-'", "day-of-month", 11],
    ["cron(0 0 1,L * ? *)", "'L' must be the whole day-of-month field", "day-of-month", 11],
    ["cron(0 0 ? * 15W *)", "'W' is only allowed in day-of-month", "day-of-week", 13],
    ["cron(0 0 1#2 * ? *)", "'#' is only allowed in day-of-week", "day-of-month", 9],
    ["cron(5L * * * ? *)", "'L' is only allowed in day-of-month or day-of-week, not in minutes", "minutes", 5],
    [
      "cron(0 0 30 2 ? *)",
      "day-of-month '30' never occurs in February, so this schedule would never run",
      "day-of-month",
      9,
    ],
    ["cron(0 0 31 APR,6 ? *)", "day-of-month '31' never occurs in April or June", "day-of-month", 9],
    ["cron(0 0 30W 2 ? *)", "never occurs in February", "day-of-month", 9],
  ];
  it.each(cases)("%s", (expression, what, field, position) => {
    const err = refusal(expression);
    expect(err.message).toContain(what);
    expect(err.message.startsWith("cron: ")).toBe(true);
    expect(err.field).toBe(field);
    expect(err.position).toBe(position);
    const fieldNumber = ["minutes", "hours", "day-of-month", "month", "day-of-week", "year"].indexOf(field) + 1;
    expect(err.message).toMatch(new RegExp(`\\(field ${fieldNumber}, at character ${position + 1}\\)$`));
  });

  it("gives the brief's example word for word", () => {
    expect(refusal("cron(0 12 ? * 9 *)").message).toBe(
      "cron: day-of-week '9' is out of range 1-7 (field 5, at character 15)",
    );
  });

  it("gives a length that covers the bad token", () => {
    const err = refusal("cron(0 0 ? JANUARY MON *)");
    expect(err.length).toBe("JANUARY".length);
  });

  it("counts fields and spaces", () => {
    const five = refusal("cron(0 0 * * ?)");
    expect(five.message).toBe(
      "cron: expected 6 fields (minutes hours day-of-month month day-of-week year) but found 5; missing: year (at character 15)",
    );
    expect(refusal("cron(0 0 * * ? * 1)").position).toBe(17);
    expect(refusal("cron()").message).toContain("found 0");
    const double = refusal("cron(0  0 * * ? *)");
    expect(double.message).toBe("cron: extra space: separate the fields with single spaces (at character 8)");
    expect(refusal("cron( 0 0 * * ? *)").position).toBe(5);
    expect(refusal("cron(0\t0 * * ? *)").message).toContain("tab or line break");
  });
});

describe("expression-level errors", () => {
  it("says which forms exist, and where the text goes wrong", () => {
    expect(refusal("").message).toContain("schedule expression is empty");
    expect(refusal("every 5 minutes").message).toBe(
      "'every' is not a schedule type: use 'rate(5 minutes)', 'cron(0 8 ? * MON-FRI *)' or 'at(2026-03-08T02:30:00)' (at character 1)",
    );
    expect(refusal("RATE(5 minutes)").message).toBe("write 'rate' in lower case (at character 1)");
    expect(refusal("rate 5 minutes").message).toBe("rate: expected '(' after 'rate' (at character 5)");
    expect(refusal("rate(5 minutes").message).toBe("rate: missing ')' at the end (at character 15)");
    expect(refusal("rate(5 minutes) now").message).toBe("rate: unexpected text after ')' (at character 16)");
    expect(refusal(" rate(5 minutes)").message).toBe(
      "schedule expression starts with a space: remove it (at character 1)",
    );
    expect(refusal("rate(5 minutes) ").position).toBe(15);
    expect(refusal("(5 minutes)").message).toContain("'(' is not a schedule type");
  });
});

describe("expression kinds are looked up as names, not object properties", () => {
  it.each(["constructor(x)", "toString(1)", "__proto__(1)", "hasOwnProperty(x)"])("refuses %s", (expr) => {
    expect(() => parseScheduleExpression(expr)).toThrow(ScheduleExpressionError);
  });
});
