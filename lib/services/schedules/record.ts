/** A schedule as the rest of the system sees it (the stored row). */
export interface ScheduleRecord {
  id: string;
  functionId: string;
  name: string;
  expression: string;
  timeZone: string;
  enabled: boolean;
  description: string;
  input: string | null;
  maximumEventAgeSeconds: number;
  startAt: Date;
  createdAt: Date;
  updatedAt: Date;
}
