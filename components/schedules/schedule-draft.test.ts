import { describe, expect, it } from "vitest";
import type { ScheduleJson } from "@/lib/queries/schedules";
import {
  draftOf,
  emptyDraft,
  fieldOfError,
  inputProblem,
  nextFireOf,
  splitAtPosition,
  toScheduleRequest,
  validateSchedule,
  type ScheduleDraft,
} from "@/components/schedules/schedule-draft";

const valid: ScheduleDraft = {
  ...emptyDraft("Europe/Berlin"),
  name: "nightly-report",
  expression: "cron(0 2 * * ? *)",
};

describe("validateSchedule", () => {
  it("accepts a complete draft", () => {
    expect(validateSchedule(valid)).toEqual({});
    expect(validateSchedule({ ...valid, input: ' {"a": 1} ', maximumEventAgeSeconds: "86400" })).toEqual({});
  });

  it("puts each problem on its field", () => {
    const e = validateSchedule({
      name: "bad name",
      expression: "",
      timeZone: " ",
      description: "x".repeat(513),
      input: "{",
      maximumEventAgeSeconds: "59",
      enabled: true,
    });
    expect(Object.keys(e).sort()).toEqual([
      "description",
      "expression",
      "input",
      "maximumEventAgeSeconds",
      "name",
      "timeZone",
    ]);
    expect(e.name).toMatch(/1–64 letters/);
    expect(e.input).toMatch(/^Input must be valid JSON: /);
    expect(e.maximumEventAgeSeconds).toBe("Maximum event age must be between 60 and 86400 seconds");
  });

  it("checks the event age bounds and whole numbers", () => {
    for (const bad of ["", "86401", "1.5", "-60", "abc"])
      expect(validateSchedule({ ...valid, maximumEventAgeSeconds: bad }).maximumEventAgeSeconds, bad).toBeDefined();
    for (const ok of ["60", "3600", " 86400 "])
      expect(validateSchedule({ ...valid, maximumEventAgeSeconds: ok }).maximumEventAgeSeconds, ok).toBeUndefined();
  });

  it("treats an empty input as 'send the Scheduled Event'", () => {
    expect(inputProblem("")).toBeNull();
    expect(inputProblem("  \n")).toBeNull();
    expect(inputProblem("null")).toBeNull();
    expect(inputProblem("{'a':1}")).toMatch(/valid JSON/);
  });
});

describe("toScheduleRequest", () => {
  it("builds the API body", () => {
    expect(
      toScheduleRequest({ ...valid, timeZone: " UTC ", input: "", maximumEventAgeSeconds: " 120 ", enabled: false }),
    ).toEqual({
      name: "nightly-report",
      expression: "cron(0 2 * * ? *)",
      timeZone: "UTC",
      description: "",
      input: null,
      maximumEventAgeSeconds: 120,
      enabled: false,
    });
    expect(toScheduleRequest({ ...valid, input: '{"k":"v"}' }).input).toBe('{"k":"v"}');
  });

  it("round-trips a saved schedule", () => {
    const saved = {
      id: "x",
      functionId: "f",
      stateMachineId: null,
      name: "a",
      expression: "rate(1 hour)",
      timeZone: "UTC",
      enabled: true,
      description: "d",
      input: null,
      maximumEventAgeSeconds: 600,
      startAt: "",
      createdAt: "",
      updatedAt: "",
      // Set through the Scheduler API; the console's editor leaves them as they are.
      groupName: "default",
      qualifier: "live",
      maximumRetryAttempts: 3,
      flexibleWindowMinutes: 5,
      startDate: null,
      endDate: null,
      actionAfterCompletion: "NONE",
      roleArn: "arn:aws:iam::000000000000:role/r",
      deadLetterArn: null,
      kmsKeyArn: null,
      clientToken: null,
    } satisfies ScheduleJson;
    const { name, expression, timeZone, enabled, description, input, maximumEventAgeSeconds } = saved;
    expect(toScheduleRequest(draftOf(saved))).toEqual({
      name,
      expression,
      timeZone,
      enabled,
      description,
      input,
      maximumEventAgeSeconds,
    });
  });
});

describe("fieldOfError", () => {
  it("maps the API's field, and a name clash to the name", () => {
    expect(fieldOfError("expression", "x")).toBe("expression");
    expect(fieldOfError("maximumEventAgeSeconds", "x")).toBe("maximumEventAgeSeconds");
    expect(fieldOfError(undefined, 'A schedule named "a" already exists for f')).toBe("name");
    expect(fieldOfError("functionName", "nope")).toBeNull();
    expect(fieldOfError(undefined, "The server is not ready")).toBeNull();
  });
});

describe("splitAtPosition", () => {
  it("marks one character, or the empty slot at the end", () => {
    expect(splitAtPosition("cron(0 8 ? * MOX *)", 13)).toEqual({ before: "cron(0 8 ? * ", at: "M", after: "OX *)" });
    expect(splitAtPosition("rate(5 minutes", 14)).toEqual({ before: "rate(5 minutes", at: "", after: "" });
    expect(splitAtPosition("x", null)).toBeNull();
    expect(splitAtPosition("x", 5)).toBeNull();
  });
});

describe("nextFireOf", () => {
  const now = Date.parse("2026-06-01T10:00:30Z");
  const base = { enabled: true, startAt: "2026-06-01T09:58:10.000Z" };

  it("aligns a rate to the schedule's start", () => {
    // The preview counts from now: now+5m, now+10m…; the schedule fires at start + k·5m.
    const next = ["2026-06-01T10:05:30.000Z", "2026-06-01T10:10:30.000Z"];
    expect(nextFireOf({ ...base, expression: "rate(5 minutes)" }, next, now)).toBe("2026-06-01T10:03:10.000Z");
  });

  it("gives a rate's start when it has not fired yet", () => {
    const next = ["2026-06-01T10:01:30.000Z", "2026-06-01T10:02:30.000Z"];
    expect(nextFireOf({ ...base, startAt: "2026-06-01T10:00:40.000Z", expression: "rate(1 minute)" }, next, now)).toBe(
      "2026-06-01T10:00:40.000Z",
    );
  });

  it("takes the first future preview time for cron and at", () => {
    const next = ["2026-06-01T10:00:00.000Z", "2026-06-01T11:00:00.000Z"];
    expect(nextFireOf({ ...base, expression: "cron(0 * * * ? *)" }, next, now)).toBe("2026-06-01T11:00:00.000Z");
    expect(nextFireOf({ ...base, expression: "at(2026-01-01T00:00:00)" }, [], now)).toBeNull();
  });

  it("is null while disabled or unknown", () => {
    expect(
      nextFireOf({ ...base, enabled: false, expression: "rate(1 hour)" }, ["2026-06-01T11:00:00Z"], now),
    ).toBeNull();
    expect(nextFireOf({ ...base, expression: "rate(1 hour)" }, undefined, now)).toBeNull();
  });
});
