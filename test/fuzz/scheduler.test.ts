/**
 * Malformed input at every Scheduler API route, signed for `scheduler` (so it reaches the
 * handlers) and sometimes not: bodies that are almost schedules, odd names, groups, tokens and
 * queries. No answer may be a 500 or carry a stack trace; a failure lists the exact request.
 */
import { describe, expect, it } from "vitest";
import { testServer, uniqueName } from "@/test/server";
import {
  deployFuzzTarget,
  enc,
  NAMES,
  newTally,
  sendAndCheck,
  pick,
  rand,
  randomBody,
  randomString,
  randomValue,
  SEED,
  type Sent,
  sign,
} from "@/test/fuzz/inputs";

const t = testServer();
const fnArn = (name: string) => `arn:aws:lambda:us-east-1:000000000000:function:${name}`;

/** A body that is nearly a schedule: each field right, wrong, missing or absurd. */
function scheduleBody(target: string): string {
  const maybe = <T>(v: T) => (rand() < 0.75 ? v : pick([undefined, null, randomValue(), randomString(30)]));
  return JSON.stringify({
    ScheduleExpression: maybe(
      pick([
        "rate(5 minutes)",
        "rate(1 minute)",
        "cron(0 8 ? * MON-FRI *)",
        "at(2099-01-01T00:00:00)",
        "rate(0 hours)",
      ]),
    ),
    ScheduleExpressionTimezone: maybe(pick(["UTC", "Europe/Berlin", "Mars/Olympus", ""])),
    FlexibleTimeWindow: maybe(
      pick([{ Mode: "OFF" }, { Mode: "FLEXIBLE", MaximumWindowInMinutes: pick([1, 15, 0, 1441, 2.5, -1]) }]),
    ),
    Target: maybe({
      Arn: maybe(pick([fnArn(target), `${fnArn(target)}:7`, `${fnArn(target)}:live`, fnArn(randomString(10))])),
      RoleArn: maybe("arn:aws:iam::000000000000:role/r"),
      Input: maybe(pick(['{"a":1}', "not json", "", "\u0000"])),
      RetryPolicy: maybe({
        MaximumRetryAttempts: pick([0, 185, 186, -1]),
        MaximumEventAgeInSeconds: pick([60, 59, 1e9]),
      }),
      DeadLetterConfig: maybe({ Arn: pick(["arn:aws:sqs:us-east-1:000000000000:q", "x"]) }),
    }),
    StartDate: maybe(
      pick([Date.now() / 1000 + 3600, Date.now() / 1000 - 3600, 1e20, -1e20, "2099-01-01T00:00:00Z", "x"]),
    ),
    EndDate: maybe(pick([Date.now() / 1000 + 7200, 0, 8.64e12, "yesterday"])),
    State: maybe(pick(["ENABLED", "DISABLED", "enabled"])),
    GroupName: maybe(pick(["default", "other", "", "a/b"])),
    ClientToken: maybe(pick(["tok", "bad token", "x".repeat(65)])),
    ActionAfterCompletion: maybe(pick(["NONE", "DELETE", "ARCHIVE"])),
    KmsKeyArn: maybe(pick(["arn:aws:kms:us-east-1:000000000000:key/k", "kms"])),
  });
}

function schedulerRoutes(target: string): [string, string, () => string | Buffer][] {
  const name = () => (rand() < 0.4 ? uniqueName("fz") : pick([...NAMES, target]));
  const q = () => enc(pick([randomString(12), "default", "", "100", "0", "-1", "ENABLED"]));
  const body = () => (rand() < 0.6 ? scheduleBody(target) : randomBody());
  return [
    ["POST", `/schedules/${enc(name())}`, body],
    ["PUT", `/schedules/${enc(name())}`, body],
    ["GET", `/schedules/${enc(name())}?groupName=${q()}`, () => ""],
    ["DELETE", `/schedules/${enc(name())}?groupName=${q()}&clientToken=${q()}`, () => ""],
    [
      "GET",
      `/schedules?ScheduleGroup=${q()}&NamePrefix=${q()}&State=${q()}&NextToken=${q()}&MaxResults=${q()}`,
      () => "",
    ],
    [pick(["GET", "POST", "DELETE"]), `/schedule-groups/${enc(name())}`, body],
    ["GET", `/schedule-groups?NamePrefix=${q()}&NextToken=${q()}&MaxResults=${q()}`, () => ""],
    [
      pick(["GET", "POST", "DELETE"]),
      `/tags/${enc(pick(["arn:aws:scheduler:us-east-1:000000000000:schedule-group/default", randomString(30)]))}`,
      body,
    ],
    [pick(["PATCH", "OPTIONS", "HEAD"]), `/schedules/${enc(name())}`, () => ""],
    [pick(["GET", "PUT"]), `/schedules/${pick(["%ff", "%", "a%00b", "%ED%A0%80", "a%2Fb"])}`, () => ""],
  ];
}

describe(`Scheduler API fuzz (seed ${SEED})`, () => {
  it("answers malformed requests with 4xx and no stack trace", { timeout: 300_000 }, async () => {
    const port = t.srv.port;
    const target = await deployFuzzTarget(t.lambda, "fuzz-sched");
    const tally = newTally();
    for (let round = 0; round < 40; round++) {
      for (const [method, routeTarget, body] of schedulerRoutes(target)) {
        const req: Sent = {
          method,
          target: routeTarget,
          headers: rand() < 0.5 ? { "content-type": pick(["application/json", "text/plain", ""]) } : {},
          body: method === "HEAD" ? "" : body(),
        };
        const final = rand() < 0.9 ? await sign(port, req, "scheduler") : req;
        await sendAndCheck(port, final, tally);
      }
    }
    expect(tally.sent).toBeGreaterThan(350);
    for (const s of [200, 400, 404]) expect(tally.statuses).toContain(s);
    expect(tally.bad).toEqual([]);
  });
});
