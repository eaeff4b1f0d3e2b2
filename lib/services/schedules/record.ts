/** A schedule as the rest of the system sees it (the stored row). */
export interface ScheduleRecord {
  id: string;
  /** Its target: a function or a state machine (exactly one is set). */
  functionId: string | null;
  stateMachineId: string | null;
  /** The Scheduler API's schedule group ("default"); names are unique within it. */
  groupName: string;
  name: string;
  /** The target's version or alias; null: the unqualified function ($LATEST). */
  qualifier: string | null;
  expression: string;
  timeZone: string;
  enabled: boolean;
  description: string;
  input: string | null;
  maximumEventAgeSeconds: number;
  maximumRetryAttempts: number;
  /** FlexibleTimeWindow FLEXIBLE's MaximumWindowInMinutes; null: OFF. */
  flexibleWindowMinutes: number | null;
  startDate: Date | null;
  endDate: Date | null;
  /** NONE, or DELETE: the schedule is deleted once it has no more slots to fire. */
  actionAfterCompletion: string;
  /** Accepted, stored and returned by the Scheduler API; Nimbus does not use them. */
  roleArn: string | null;
  deadLetterArn: string | null;
  kmsKeyArn: string | null;
  clientToken: string | null;
  startAt: Date;
  createdAt: Date;
  updatedAt: Date;
}

/** The group every schedule made in the console belongs to, and the only one Nimbus keeps. */
export const DEFAULT_GROUP = "default";
