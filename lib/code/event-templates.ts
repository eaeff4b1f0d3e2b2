/** Starting points for test events, as the AWS console offers them. */
export const eventTemplates: Record<string, { label: string; event: unknown }> = {
  empty: { label: "Empty event", event: {} },
  "hello-world": { label: "Hello world", event: { key1: "value1", key2: "value2", key3: "value3" } },
  "apigateway-http": {
    label: "API Gateway HTTP request",
    event: {
      version: "2.0",
      routeKey: "GET /hello",
      rawPath: "/hello",
      rawQueryString: "name=nimbus",
      headers: { accept: "application/json", "user-agent": "curl/8.0" },
      queryStringParameters: { name: "nimbus" },
      requestContext: {
        accountId: "000000000000",
        apiId: "api",
        domainName: "localhost",
        http: { method: "GET", path: "/hello", protocol: "HTTP/1.1", sourceIp: "127.0.0.1", userAgent: "curl/8.0" },
        requestId: "c6af9ac6-7b61-11e6-9a41-93e8deadbeef",
        routeKey: "GET /hello",
        stage: "$default",
        time: "27/Nov/2026:19:03:58 +0000",
        timeEpoch: 1795806238000,
      },
      isBase64Encoded: false,
    },
  },
  scheduled: {
    label: "Scheduled event (EventBridge)",
    event: {
      version: "0",
      id: "53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa",
      "detail-type": "Scheduled Event",
      source: "aws.events",
      account: "000000000000",
      time: "2026-11-27T12:00:00Z",
      region: "us-east-1",
      resources: ["arn:aws:events:us-east-1:000000000000:rule/my-schedule"],
      detail: {},
    },
  },
  sqs: {
    label: "SQS message",
    event: {
      Records: [
        {
          messageId: "19dd0b57-b21e-4ac1-bd88-01bbb068cb78",
          receiptHandle: "MessageReceiptHandle",
          body: "Hello from SQS!",
          attributes: {
            ApproximateReceiveCount: "1",
            SentTimestamp: "1795806238000",
            SenderId: "000000000000",
            ApproximateFirstReceiveTimestamp: "1795806238001",
          },
          messageAttributes: {},
          md5OfBody: "7b270e59b47ff90a553787216d55d91d",
          eventSource: "aws:sqs",
          eventSourceARN: "arn:aws:sqs:us-east-1:000000000000:my-queue",
          awsRegion: "us-east-1",
        },
      ],
    },
  },
};

export const pretty = (v: unknown) => JSON.stringify(v, null, 2);

/** "Invalid JSON: …" for the editor, or null when the text parses. */
export function jsonProblem(text: string): string | null {
  try {
    JSON.parse(text);
    return null;
  } catch (err) {
    return `Invalid JSON: ${(err as Error).message}`;
  }
}
