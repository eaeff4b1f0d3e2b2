/** The templates a new function can start from (the server's are in lib/services/functions/templates). */
export const FUNCTION_TEMPLATES = [
  { id: "hello-world", label: "Hello world", hint: "Logs the event and returns a greeting." },
  { id: "http", label: "HTTP endpoint", hint: "Answers requests to its function URL (or API Gateway) with JSON." },
  { id: "scheduled", label: "Scheduled job", hint: "Runs on a schedule with an EventBridge event." },
] as const;

/** A template id from a URL's `?template=`, or the first template. */
export function templateOf(value: string | string[] | undefined): string {
  const v = Array.isArray(value) ? value[0] : value;
  return FUNCTION_TEMPLATES.some((t) => t.id === v) ? v! : FUNCTION_TEMPLATES[0].id;
}

/** The terminal commands the empty functions list offers, for this console's address. */
export function firstCommands(endpoint: string): string {
  return [
    "# from the folder Nimbus was started in: the root key the server wrote on first start",
    `AWS_CONFIG_FILE=.data/config AWS_SHARED_CREDENTIALS_FILE=.data/credentials aws lambda list-functions --endpoint-url ${endpoint}`,
  ].join("\n");
}
