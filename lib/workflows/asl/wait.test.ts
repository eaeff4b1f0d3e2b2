import { describe, expect, it } from "vitest";
import { testScope } from "@/lib/workflows/asl/test-scope";
import type { WaitState } from "@/lib/workflows/asl/types";
import { waitUntil } from "@/lib/workflows/asl/wait";

const now = new Date("2016-03-14T01:00:00Z");
const jsonPath = testScope();
const wait = (fields: Partial<WaitState>): WaitState => ({ Type: "Wait", Next: "NextState", ...fields });

describe("waitUntil", () => {
  it("waits Seconds from now (AWS docs: wait_ten_seconds)", async () => {
    expect((await waitUntil(wait({ Seconds: 10 }), {}, jsonPath, now)).toISOString()).toBe("2016-03-14T01:00:10.000Z");
    expect((await waitUntil(wait({ Seconds: 0 }), {}, jsonPath, now)).getTime()).toBe(now.getTime());
  });

  it("waits until a Timestamp (AWS docs: 2016-03-14T01:59:00Z), with fractions or offsets", async () => {
    const until = await waitUntil(wait({ Timestamp: "2016-03-14T01:59:00Z" }), {}, jsonPath, now);
    expect(until.toISOString()).toBe("2016-03-14T01:59:00.000Z");
    const fraction = await waitUntil(wait({ Timestamp: "2016-03-14T01:59:00.000000Z" }), {}, jsonPath, now);
    expect(fraction.toISOString()).toBe("2016-03-14T01:59:00.000Z");
    const offset = await waitUntil(wait({ Timestamp: "2016-03-14T02:59:00+01:00" }), {}, jsonPath, now);
    expect(offset.toISOString()).toBe("2016-03-14T01:59:00.000Z");
  });

  it("reads TimestampPath and SecondsPath from the input (AWS docs: $.expirydate)", async () => {
    const until = await waitUntil(
      wait({ TimestampPath: "$.expirydate" }),
      { expirydate: "2016-03-14T01:59:00Z" },
      jsonPath,
      now,
    );
    expect(until.toISOString()).toBe("2016-03-14T01:59:00.000Z");
    const later = await waitUntil(
      wait({ SecondsPath: "$.input.waitSeconds" }),
      { input: { waitSeconds: 1 } },
      jsonPath,
      now,
    );
    expect(later.getTime() - now.getTime()).toBe(1000);
  });

  it("allows a timestamp in the past (no wait)", async () => {
    const until = await waitUntil(wait({ Timestamp: "2000-01-01T00:00:00Z" }), {}, jsonPath, now);
    expect(until.getTime()).toBeLessThan(now.getTime());
  });

  it("rejects timestamps Step Functions rejects, with its messages", async () => {
    for (const bad of [
      "05-12-2016T21:29:29Z",
      "2016-12-05 21:29:29Z",
      "2016-12-05T21:29:29",
      "2016-12-05T25:29:29Z",
      "2016-13-05T21:29:29Z",
      "2016-02-30T00:00:00Z",
    ]) {
      await expect(waitUntil(wait({ Timestamp: bad }), {}, jsonPath, now)).rejects.toMatchObject({
        error: "States.Runtime",
        cause: `The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string: ${bad}`,
      });
    }
    await expect(
      waitUntil(wait({ TimestampPath: "$.t" }), { t: "2016-12-05T21:29:29" }, jsonPath, now),
    ).rejects.toMatchObject({
      cause:
        "The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: $.t == 2016-12-05T21:29:29",
    });
  });

  it("rejects SecondsPath values Step Functions rejects, with its messages", async () => {
    const state = wait({ SecondsPath: "$.input.waitSeconds" });
    const cases: [unknown, string][] = [
      [-1, "The SecondsPath parameter references a negative value: $.input.waitSeconds == -1"],
      [1.5, "The SecondsPath parameter cannot be parsed as a long value: $.input.waitSeconds == 1.5"],
      [-1.5, "The SecondsPath parameter cannot be parsed as a long value: $.input.waitSeconds == -1.5"],
    ];
    for (const [value, cause] of cases) {
      await expect(waitUntil(state, { input: { waitSeconds: value } }, jsonPath, now)).rejects.toMatchObject({
        error: "States.Runtime",
        cause,
      });
    }
    await expect(waitUntil(state, { input: {} }, jsonPath, now)).rejects.toMatchObject({
      cause: "The SecondsPath parameter does not reference an input value: $.input.waitSeconds",
    });
  });

  it("refuses delays beyond 2^31-1 seconds (Step Functions: 24,856 days fails)", async () => {
    const farAway = new Date(now.getTime() + 24_856 * 86_400_000).toISOString();
    await expect(waitUntil(wait({ Timestamp: farAway }), {}, jsonPath, now)).rejects.toMatchObject({
      cause: "Wait state delay is too long.",
    });
    const justInside = new Date(now.getTime() + 24_855 * 86_400_000).toISOString();
    await expect(waitUntil(wait({ Timestamp: justInside }), {}, jsonPath, now)).resolves.toBeInstanceOf(Date);
  });

  it("evaluates JSONata Seconds and Timestamp", async () => {
    const jsonata = testScope("JSONata", { waitTime: 5 });
    const seconds = await waitUntil(wait({ Seconds: "{% $waitTime * 2 %}" }), {}, jsonata, now);
    expect(seconds.getTime() - now.getTime()).toBe(10_000);
    const at = await waitUntil(
      wait({ Timestamp: "{% $states.input.at %}" }),
      { at: "2016-03-14T01:59:00Z" },
      jsonata,
      now,
    );
    expect(at.toISOString()).toBe("2016-03-14T01:59:00.000Z");
    await expect(waitUntil(wait({ Seconds: "{% 'soon' %}" }), {}, jsonata, now)).rejects.toMatchObject({
      error: "States.QueryEvaluationError",
    });
    await expect(waitUntil(wait({ Seconds: "{% -3 %}" }), {}, jsonata, now)).rejects.toMatchObject({
      error: "States.Runtime",
    });
  });
});
