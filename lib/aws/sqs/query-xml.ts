/**
 * SQS's query-protocol answers: `<ActionResponse><ActionResult>…</ActionResult><ResponseMetadata>`,
 * written from the same output the JSON protocol answers with, with the query protocol's element
 * names for lists and maps; errors as `<ErrorResponse><Error><Type/><Code/><Message/>`. A carriage
 * return is written `&#xD;` (as SQS does), or an XML parser would turn it into a line feed.
 */
import type { ServerResponse } from "node:http";
import { sqsFailure } from "@/lib/aws/sqs/errors";

const NS = "http://queue.amazonaws.com/doc/2012-11-05/";

export const escapeXml = (s: string) =>
  s.replace(/[&<>"\r]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\r": "&#xD;" })[c]!);

const el = (name: string, value: unknown): string =>
  typeof value === "object" && value !== null
    ? `<${name}>${members(value as Record<string, unknown>)}</${name}>`
    : `<${name}>${escapeXml(String(value))}</${name}>`;

/** How a list or map member of an output is written, by its JSON name (per action where they differ). */
function listElement(action: string, key: string): string | null {
  if (key === "QueueUrls" || key === "queueUrls") return "QueueUrl";
  if (key === "Messages") return "Message";
  if (key === "Failed") return "BatchResultErrorEntry";
  if (key === "Successful") return `${action}ResultEntry`;
  if (key === "Results") return "Result";
  return null;
}

function members(obj: Record<string, unknown>, action = ""): string {
  let out = "";
  for (const [key, value] of Object.entries(obj)) {
    if (value === undefined || value === null) continue;
    const repeated = Array.isArray(value) ? listElement(action, key) : null;
    if (repeated) out += (value as unknown[]).map((v) => el(repeated, v)).join("");
    else if (key === "Attributes" || key === "Tags")
      out += Object.entries(value as Record<string, string>)
        .map(([k, v]) => (key === "Tags" ? el("Tag", { Key: k, Value: v }) : el("Attribute", { Name: k, Value: v })))
        .join("");
    else if (key === "MessageAttributes")
      out += Object.entries(value as Record<string, unknown>)
        .map(([k, v]) => el("MessageAttribute", { Name: k, Value: v }))
        .join("");
    else out += el(key, value);
  }
  return out;
}

export function sendQueryResult(
  res: ServerResponse,
  action: string,
  output: Record<string, unknown>,
  requestId: string,
): void {
  const result =
    Object.keys(output).length || RESULT_ALWAYS.has(action)
      ? `<${action}Result>${members(output, action)}</${action}Result>`
      : "";
  const xml = `<?xml version="1.0"?><${action}Response xmlns="${NS}">${result}<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`;
  res.writeHead(200, {
    "Content-Type": "text/xml",
    "Content-Length": Buffer.byteLength(xml),
    "x-amzn-RequestId": requestId,
  });
  res.end(xml);
}

/** Actions whose answer has a result element even when it is empty (an empty receive, an empty list). */
const RESULT_ALWAYS = new Set([
  "ReceiveMessage",
  "ListQueues",
  "GetQueueAttributes",
  "ListQueueTags",
  "ListDeadLetterSourceQueues",
  "SendMessageBatch",
  "DeleteMessageBatch",
  "ChangeMessageVisibilityBatch",
]);

export function sendQueryError(res: ServerResponse, err: unknown, requestId: string): void {
  const f = sqsFailure(res, err, requestId);
  if (!f) return;
  const xml =
    `<?xml version="1.0"?><ErrorResponse xmlns="${NS}"><Error><Type>${f.type}</Type><Code>${escapeXml(f.sqs.query)}</Code>` +
    `<Message>${escapeXml(f.error.message)}</Message><Detail/></Error><RequestId>${requestId}</RequestId></ErrorResponse>`;
  res.writeHead(f.sqs.status, {
    "Content-Type": "text/xml",
    "Content-Length": Buffer.byteLength(xml),
    "x-amzn-RequestId": requestId,
  });
  res.end(xml);
}
