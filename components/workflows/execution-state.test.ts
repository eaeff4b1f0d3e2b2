import { describe, expect, it } from "vitest";
import { analyzeHistory, type HistoryEventLike } from "@/components/workflows/execution-state";

/** Events from [type, previousEventId, details?] rows; ids count from 1, a second apart. */
function history(rows: Array<[string, number, Record<string, unknown>?]>): HistoryEventLike[] {
  return rows.map(([type, previousEventId, details], i) => ({
    id: i + 1,
    previousEventId,
    type,
    timestamp: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
    details: details ?? null,
  }));
}

const happy = history([
  ["ExecutionStarted", 0, { input: "{}" }], // 1
  ["TaskStateEntered", 1, { name: "Call", input: '{"n":1}' }], // 2
  ["LambdaFunctionScheduled", 2, { resource: "fn", input: '{"n":1}' }], // 3
  ["LambdaFunctionStarted", 3], // 4
  ["LambdaFunctionSucceeded", 4, { output: '{"n":2}' }], // 5
  ["TaskStateExited", 5, { name: "Call", output: '{"n":2}' }], // 6
  ["ChoiceStateEntered", 6, { name: "Check", input: '{"n":2}' }], // 7
  ["ChoiceStateExited", 7, { name: "Check", output: '{"n":2}' }], // 8
  ["WaitStateEntered", 8, { name: "Pause", input: '{"n":2}' }], // 9
  ["WaitStateExited", 9, { name: "Pause", output: '{"n":2}' }], // 10
  ["ParallelStateEntered", 10, { name: "Both", input: '{"n":2}' }], // 11
  ["ParallelStateStarted", 11], // 12
  ["PassStateEntered", 12, { name: "A", input: '{"n":2}' }], // 13
  ["PassStateEntered", 12, { name: "B", input: '{"n":2}' }], // 14
  ["PassStateExited", 13, { name: "A", output: '"a"' }], // 15
  ["PassStateExited", 14, { name: "B", output: '"b"' }], // 16
  ["ParallelStateSucceeded", 12], // 17
  ["ParallelStateExited", 17, { name: "Both", output: '["a","b"]' }], // 18
  ["ExecutionSucceeded", 18, { output: '["a","b"]' }], // 19
]);

describe("analyzeHistory", () => {
  it("marks every state a succeeded execution went through, with its input, output and times", () => {
    const { states, stateOfEvent } = analyzeHistory(happy, "SUCCEEDED");
    expect(Object.keys(states).sort()).toEqual(["A", "B", "Both", "Call", "Check", "Pause"]);
    for (const s of Object.values(states)) expect(s.status).toBe("succeeded");
    expect(states.Call).toMatchObject({
      type: "Task",
      input: '{"n":1}',
      output: '{"n":2}',
      attempts: 1,
      entries: 1,
      enteredAt: happy[1]!.timestamp,
      exitedAt: happy[5]!.timestamp,
    });
    expect(states.B?.output).toBe('"b"');
    expect(stateOfEvent[3]).toBe("Call");
    expect(stateOfEvent[12]).toBe("Both");
    expect(stateOfEvent[17]).toBe("Both");
    expect(stateOfEvent[16]).toBe("B");
    expect(stateOfEvent[1]).toBeUndefined();
    expect(stateOfEvent[19]).toBeUndefined();
  });

  it("shows the state an execution is in as running, and those after it as not started", () => {
    const { states } = analyzeHistory(happy.slice(0, 9), "RUNNING");
    expect(states.Pause).toMatchObject({ status: "running", endedAt: null });
    expect(states.Check?.status).toBe("succeeded");
    expect(states.Both).toBeUndefined();
  });

  it("counts retries and marks a state whose last attempt failed uncaught as failed, with the error", () => {
    const events = history([
      ["ExecutionStarted", 0],
      ["TaskStateEntered", 1, { name: "Call", input: "{}" }], // 2
      ["LambdaFunctionScheduled", 2], // 3
      ["LambdaFunctionStarted", 3], // 4
      ["LambdaFunctionFailed", 4, { error: "Boom", cause: "first" }], // 5
      ["LambdaFunctionScheduled", 5], // 6
      ["LambdaFunctionStarted", 6], // 7
      ["LambdaFunctionFailed", 7, { error: "Boom", cause: "second" }], // 8
      ["ExecutionFailed", 8, { error: "Boom", cause: "second" }], // 9
    ]);
    expect(analyzeHistory(events.slice(0, 6), "RUNNING").states.Call).toMatchObject({ status: "running", attempts: 2 });
    expect(analyzeHistory(events, "FAILED").states.Call).toMatchObject({
      status: "failed",
      attempts: 2,
      error: "Boom",
      cause: "second",
      exitedAt: null,
      endedAt: events[7]!.timestamp,
    });
  });

  it("a retry that succeeds is a success; a failure that leaves by a Catch is caught", () => {
    const retried = history([
      ["ExecutionStarted", 0],
      ["TaskStateEntered", 1, { name: "Call" }],
      ["TaskScheduled", 2],
      ["TaskFailed", 3, { error: "Flaky" }],
      ["TaskScheduled", 4],
      ["TaskSucceeded", 5, { output: "1" }],
      ["TaskStateExited", 6, { name: "Call", output: "1" }],
    ]);
    expect(analyzeHistory(retried, "RUNNING").states.Call).toMatchObject({ status: "succeeded", attempts: 2 });
    const caught = history([
      ["ExecutionStarted", 0],
      ["TaskStateEntered", 1, { name: "Call" }], // 2
      ["LambdaFunctionScheduled", 2], // 3
      ["LambdaFunctionFailed", 3, { error: "Boom", cause: "no" }], // 4
      ["TaskStateExited", 4, { name: "Call", output: '{"Error":"Boom"}' }], // 5
      ["PassStateEntered", 5, { name: "Recover" }], // 6
      ["PassStateExited", 6, { name: "Recover", output: "{}" }], // 7
      ["ExecutionSucceeded", 7],
    ]);
    const { states } = analyzeHistory(caught, "SUCCEEDED");
    expect(states.Call).toMatchObject({ status: "caught", error: "Boom", output: '{"Error":"Boom"}' });
    expect(states.Recover?.status).toBe("succeeded");
  });

  it("a branch that fails fails its Parallel; a sibling cut short is aborted", () => {
    const events = history([
      ["ExecutionStarted", 0],
      ["ParallelStateEntered", 1, { name: "Par" }], // 2
      ["ParallelStateStarted", 2], // 3
      ["TaskStateEntered", 3, { name: "Slow" }], // 4
      ["LambdaFunctionScheduled", 4], // 5
      ["FailStateEntered", 3, { name: "Stop" }], // 6
      ["ParallelStateFailed", 3], // 7
      ["ExecutionFailed", 7, { error: "Oops", cause: "stopped" }], // 8
    ]);
    const { states } = analyzeHistory(events, "FAILED");
    expect(states.Stop).toMatchObject({ status: "failed", type: "Fail", error: "Oops" });
    expect(states.Slow?.status).toBe("aborted");
    expect(states.Par).toMatchObject({ status: "failed", error: "Oops", cause: "stopped" });
  });

  it("a Map's processor states sum up their iterations", () => {
    const events = history([
      ["ExecutionStarted", 0],
      ["MapStateEntered", 1, { name: "Each" }], // 2
      ["MapStateStarted", 2, { length: 2 }], // 3
      ["MapIterationStarted", 3, { name: "Each", index: 0 }], // 4
      ["TaskStateEntered", 4, { name: "Item", input: "1" }], // 5
      ["LambdaFunctionScheduled", 5], // 6
      ["LambdaFunctionSucceeded", 6, { output: "2" }], // 7
      ["TaskStateExited", 7, { name: "Item", output: "2" }], // 8
      ["MapIterationSucceeded", 8, { name: "Each", index: 0 }], // 9
      ["MapIterationStarted", 3, { name: "Each", index: 1 }], // 10
      ["TaskStateEntered", 10, { name: "Item", input: "2" }], // 11
      ["LambdaFunctionScheduled", 11], // 12
    ]);
    const { states, stateOfEvent } = analyzeHistory(events, "RUNNING");
    expect(states.Item).toMatchObject({ status: "running", entries: 2, input: "2" });
    expect(states.Each?.status).toBe("running");
    expect(stateOfEvent[9]).toBe("Each");
    expect(stateOfEvent[10]).toBe("Each");
    const more: HistoryEventLike[] = [
      ...events,
      { id: 13, previousEventId: 12, type: "LambdaFunctionFailed", timestamp: "", details: { error: "Bad" } },
      { id: 14, previousEventId: 13, type: "MapIterationFailed", timestamp: "", details: { name: "Each", index: 1 } },
      { id: 15, previousEventId: 3, type: "MapStateFailed", timestamp: "", details: null },
      { id: 16, previousEventId: 15, type: "ExecutionFailed", timestamp: "", details: { error: "Bad" } },
    ];
    const failed = analyzeHistory(more, "FAILED").states;
    expect(failed.Item).toMatchObject({ status: "failed", input: "2", error: "Bad" });
    expect(failed.Each).toMatchObject({ status: "failed", error: "Bad" });
  });

  it("stopping an execution aborts the state it was in", () => {
    const events = history([
      ["ExecutionStarted", 0],
      ["WaitStateEntered", 1, { name: "Pause" }],
      ["ExecutionAborted", 2],
    ]);
    expect(analyzeHistory(events, "ABORTED").states.Pause?.status).toBe("aborted");
  });

  it("a redriven execution shows the state it runs again, not the failure before", () => {
    const events = history([
      ["ExecutionStarted", 0],
      ["TaskStateEntered", 1, { name: "Call" }], // 2
      ["LambdaFunctionScheduled", 2], // 3
      ["LambdaFunctionFailed", 3, { error: "Boom" }], // 4
      ["ExecutionFailed", 4, { error: "Boom" }], // 5
      ["ExecutionRedriven", 5, { redriveCount: 1 }], // 6
      ["TaskStateEntered", 4, { name: "Call" }], // 7
      ["LambdaFunctionScheduled", 7], // 8
    ]);
    const { states, stateOfEvent } = analyzeHistory(events, "RUNNING");
    expect(states.Call).toMatchObject({ status: "running", entries: 2, attempts: 1, error: null });
    expect(stateOfEvent[6]).toBeUndefined();
  });
});
