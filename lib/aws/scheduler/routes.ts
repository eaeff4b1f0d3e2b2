/**
 * The EventBridge Scheduler API, one row per operation: method and path as
 * @aws-sdk/client-scheduler sends them, and a handler that parses (wire.ts), calls one schedules
 * service verb and shapes the answer (shapes.ts). Schedules are the console's: a schedule made
 * here shows on its function's page, and one made there is here, in group `default`.
 */
import { ok, type LambdaCall, type LambdaRoute } from "@/lib/aws/lambda/types";
import { scheduleArn, toGetScheduleOutput, toScheduleGroup, toScheduleSummary } from "@/lib/aws/scheduler/shapes";
import {
  checkName,
  decodeNextToken,
  encodeNextToken,
  groupOf,
  maxResultsOf,
  parseScheduleBody,
} from "@/lib/aws/scheduler/wire";
import { invalid } from "@/lib/errors";
import * as schedules from "@/lib/services/schedules";

const nameOf = (c: LambdaCall) => checkName(c.params.Name ?? "", "Name");

function optionalName(c: LambdaCall, param: string): string | undefined {
  const v = c.query.get(param);
  return v === null || v === "" ? undefined : checkName(v, param);
}

function stateOf(c: LambdaCall): boolean | undefined {
  const state = c.query.get("State");
  if (state === null || state === "") return undefined;
  if (state !== "ENABLED" && state !== "DISABLED") throw invalid("State must be ENABLED or DISABLED");
  return state === "ENABLED";
}

/** The group a tag request's ARN names (tags belong to schedule groups only, as on AWS). */
function taggedGroup(c: LambdaCall): string {
  const arn = c.params.ResourceArn ?? "";
  const m = /^arn:aws[a-z-]*:scheduler:[a-z0-9-]+:\d{12}:schedule-group\/([0-9a-zA-Z_.-]+)$/.exec(arn);
  if (!m) throw invalid(`ResourceArn must be a schedule group's ARN; got ${arn.slice(0, 200)}`);
  return m[1]!; // the group is not optional
}

export const SCHEDULER_ROUTES: readonly LambdaRoute[] = [
  {
    operation: "CreateSchedule",
    method: "POST",
    path: "/schedules/{Name}",
    handler: async (c) => {
      const { owner, groupName, clientToken, fields } = parseScheduleBody(c.body, c.shape);
      const s = await schedules.createSchedule(c.ctx, owner, {
        name: nameOf(c),
        groupName,
        clientToken,
        ...fields,
      });
      return ok({ ScheduleArn: scheduleArn(c.shape, s.groupName, s.name) });
    },
  },
  {
    operation: "GetSchedule",
    method: "GET",
    path: "/schedules/{Name}",
    handler: async (c) =>
      ok(toGetScheduleOutput(c.shape, await schedules.findScheduleOrThrow(c.ctx, groupOf(c.query), nameOf(c)))),
  },
  {
    operation: "UpdateSchedule",
    method: "PUT",
    path: "/schedules/{Name}",
    handler: async (c) => {
      const { owner, groupName, fields } = parseScheduleBody(c.body, c.shape);
      const found = await schedules.findScheduleOrThrow(c.ctx, groupName, nameOf(c));
      const s = await schedules.updateSchedule(c.ctx, found.owner, found.schedule.id, {
        ...fields,
        ...(typeof owner === "string" ? { functionName: owner } : { stateMachineName: owner.stateMachine }),
      });
      return ok({ ScheduleArn: scheduleArn(c.shape, s.groupName, s.name) });
    },
  },
  {
    operation: "DeleteSchedule",
    method: "DELETE",
    path: "/schedules/{Name}",
    handler: async (c) => {
      const found = await schedules.findScheduleOrThrow(c.ctx, groupOf(c.query), nameOf(c));
      await schedules.deleteSchedule(c.ctx, found.owner, found.schedule.id);
      return ok({});
    },
  },
  {
    operation: "ListSchedules",
    method: "GET",
    path: "/schedules",
    handler: async (c) => {
      const { items, next } = await schedules.listGroupSchedules(c.ctx, {
        groupName: optionalName(c, "ScheduleGroup"),
        namePrefix: optionalName(c, "NamePrefix"),
        enabled: stateOf(c),
        after: decodeNextToken(c.query.get("NextToken")),
        limit: maxResultsOf(c.query),
      });
      return ok({
        Schedules: items.map((s) => toScheduleSummary(c.shape, s)),
        ...(next ? { NextToken: encodeNextToken(next.groupName, next.name) } : {}),
      });
    },
  },
  {
    operation: "GetScheduleGroup",
    method: "GET",
    path: "/schedule-groups/{Name}",
    handler: async (c) => ok(toScheduleGroup(c.shape, await schedules.getScheduleGroup(c.ctx, nameOf(c)))),
  },
  {
    operation: "ListScheduleGroups",
    method: "GET",
    path: "/schedule-groups",
    handler: async (c) => {
      maxResultsOf(c.query);
      // One group fits on the first page: a NextToken can only be one Nimbus never gave.
      if (c.query.get("NextToken"))
        throw invalid("NextToken is not valid: pass the NextToken of the previous response");
      const groups = await schedules.listScheduleGroups(c.ctx, { namePrefix: optionalName(c, "NamePrefix") });
      return ok({ ScheduleGroups: groups.map((g) => toScheduleGroup(c.shape, g)) });
    },
  },
  {
    operation: "CreateScheduleGroup",
    method: "POST",
    path: "/schedule-groups/{Name}",
    handler: async (c) => schedules.createScheduleGroup(nameOf(c)),
  },
  {
    operation: "DeleteScheduleGroup",
    method: "DELETE",
    path: "/schedule-groups/{Name}",
    handler: async (c) => schedules.deleteScheduleGroup(nameOf(c)),
  },
  {
    operation: "ListTagsForResource",
    method: "GET",
    path: "/tags/{ResourceArn}",
    handler: async (c) => {
      await schedules.getScheduleGroup(c.ctx, taggedGroup(c));
      return ok({ Tags: [] });
    },
  },
];
