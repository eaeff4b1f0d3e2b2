import type { EvalScope } from "@/lib/workflows/asl/scope";
import type { ContextObject, QueryLanguage } from "@/lib/workflows/asl/types";

/** A Context object shaped like the AWS documentation's example, for tests. */
export function exampleContext(overrides: Partial<ContextObject> = {}): ContextObject {
  return {
    Execution: {
      Id: "arn:aws:states:us-east-1:123456789012:execution:stateMachineName:executionName",
      Name: "executionName",
      StartTime: "2019-03-26T20:14:13.192Z",
      Input: { key: "value" },
      RoleArn: "arn:aws:iam::123456789012:role/example",
      RedriveCount: 0,
    },
    State: { Name: "Test", EnteredTime: "2019-03-26T20:14:13.192Z", RetryCount: 3 },
    StateMachine: {
      Id: "arn:aws:states:us-east-1:123456789012:stateMachine:stateMachineName",
      Name: "stateMachineName",
    },
    ...overrides,
  };
}

/** An evaluation scope for tests: JSONPath unless asked, no variables unless given. */
export function testScope(
  queryLanguage: QueryLanguage = "JSONPath",
  variables: Record<string, unknown> = {},
): EvalScope {
  return { context: exampleContext(), variables, queryLanguage };
}
