import {
  DescribeExecutionCommand,
  type DescribeExecutionCommandOutput,
  GetExecutionHistoryCommand,
  type HistoryEvent,
  SFNClient,
  type SFNClientConfig,
} from "@aws-sdk/client-sfn";
import { expect } from "vitest";
import { TEST_CREDENTIALS } from "@/test/server";

/**
 * A Step Functions client for a test server. `disableHostPrefix`: StartSyncExecution's model puts
 * "sync-" in front of the endpoint's host name, which localhost does not resolve (docs/workflows.md).
 */
export function sfnClient(url: string, extra: Partial<SFNClientConfig> = {}): SFNClient {
  return new SFNClient({
    endpoint: url,
    region: "us-east-1",
    credentials: TEST_CREDENTIALS,
    maxAttempts: 1,
    disableHostPrefix: true,
    ...extra,
  });
}

export const uniqueMachine = (prefix = "sm") => `${prefix}-${Math.random().toString(36).slice(2, 10)}`;

/** Polls until the execution is no longer RUNNING; returns its description. */
export async function finished(
  sfn: SFNClient,
  executionArn: string,
  timeout = 30_000,
): Promise<DescribeExecutionCommandOutput> {
  let last: DescribeExecutionCommandOutput | undefined;
  await expect
    .poll(
      async () => {
        last = await sfn.send(new DescribeExecutionCommand({ executionArn }));
        return last.status;
      },
      { timeout, interval: 100 },
    )
    .not.toBe("RUNNING");
  return last!;
}

export async function historyOf(sfn: SFNClient, executionArn: string): Promise<HistoryEvent[]> {
  const events: HistoryEvent[] = [];
  let nextToken: string | undefined;
  do {
    const page = await sfn.send(new GetExecutionHistoryCommand({ executionArn, nextToken, maxResults: 200 }));
    events.push(...(page.events ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  return events;
}
