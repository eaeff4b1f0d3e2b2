/** Starting points for new functions (the console's "Create function" offers these). */
export const templates = {
  "hello-world": {
    label: "Hello world",
    source: `/** @type {import("nimbus").Handler} */
export const handler = async (event, context) => {
  console.log("event", JSON.stringify(event));
  return { message: "Hello from Nimbus!", requestId: context.awsRequestId };
};
`,
  },
  http: {
    label: "HTTP endpoint",
    source: `// Answers HTTP requests to its function URL: the event is API Gateway payload 2.0,
// and the returned object becomes the response (statusCode, headers, body).
/** @type {import("nimbus").Handler} */
export const handler = async (event) => {
  const name = event.queryStringParameters?.name ?? "world";
  return {
    statusCode: 200,
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ hello: name, method: event.requestContext?.http?.method ?? "GET" }),
  };
};
`,
  },
  scheduled: {
    label: "Scheduled job",
    source: `// Runs on a schedule; receives an EventBridge "Scheduled Event".
/** @type {import("nimbus").Handler} */
export const handler = async (event) => {
  console.log("scheduled run at", event.time ?? new Date().toISOString());
  return { ok: true };
};
`,
  },
} as const;

export type TemplateId = keyof typeof templates;
export const SINGLE_FILE_NAME = "index.mjs";
