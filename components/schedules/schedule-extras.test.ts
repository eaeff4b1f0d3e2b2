import { describe, expect, it } from "vitest";
import type { ScheduleJson } from "@/lib/queries/schedules";
import { scheduleExtras } from "@/components/schedules/schedule-extras";

const base: ScheduleJson = {
  id: "x",
  functionId: "f",
  stateMachineId: null,
  groupName: "default",
  name: "n",
  qualifier: null,
  expression: "rate(1 hour)",
  timeZone: "UTC",
  enabled: true,
  description: "",
  input: null,
  maximumEventAgeSeconds: 3600,
  maximumRetryAttempts: 185,
  flexibleWindowMinutes: null,
  startDate: null,
  endDate: null,
  actionAfterCompletion: "NONE",
  roleArn: null,
  deadLetterArn: null,
  kmsKeyArn: null,
  clientToken: null,
  startAt: "",
  createdAt: "",
  updatedAt: "",
};

describe("scheduleExtras", () => {
  it("is empty for a schedule made in the console", () => {
    expect(scheduleExtras(base)).toEqual([]);
  });

  it("labels what the Scheduler API set", () => {
    const labels = scheduleExtras({
      ...base,
      qualifier: "3",
      flexibleWindowMinutes: 15,
      startDate: "2026-12-24T08:00:00.000Z",
      endDate: "2027-01-01T00:00:00.000Z",
      maximumRetryAttempts: 1,
      actionAfterCompletion: "DELETE",
    }).map((e) => e.label);
    expect(labels).toEqual([
      "version 3",
      "within 15 min",
      expect.stringMatching(/^from .*2026/),
      expect.stringMatching(/^until .*2027/),
      "1 retry",
      "deleted when done",
    ]);
    expect(scheduleExtras({ ...base, qualifier: "live" })[0]).toMatchObject({
      label: "live",
      title: "Invokes this alias",
    });
  });
});
