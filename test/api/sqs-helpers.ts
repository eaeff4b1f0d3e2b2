import { SQSClient, type SQSClientConfig } from "@aws-sdk/client-sqs";
import { TEST_CREDENTIALS } from "@/test/server";

/** An SQS client for a test server (its endpoint set: every request goes there). */
export function sqsClient(url: string, extra: Partial<SQSClientConfig> = {}): SQSClient {
  return new SQSClient({ endpoint: url, region: "us-east-1", credentials: TEST_CREDENTIALS, maxAttempts: 1, ...extra });
}

export const uniqueQueue = (prefix = "q") => `${prefix}-${Math.random().toString(36).slice(2, 10)}`;
