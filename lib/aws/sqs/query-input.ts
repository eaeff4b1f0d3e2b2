/**
 * SQS's query protocol (form-encoded, as the AWS CLI v2.9 and SDKs from before late 2023 send it)
 * read into the same input the JSON protocol carries: `Action=SendMessage&QueueUrl=…&
 * MessageAttribute.1.Name=City&MessageAttribute.1.Value.DataType=String&…` becomes
 * `{QueueUrl, MessageAttributes: {City: {DataType, StringValue}}}`. Lists and maps are flattened
 * with 1-based indexes; each member keeps its JSON name but for the renames below.
 */
import { queueError } from "@/lib/message-queues/errors";

type Tree = { [k: string]: Tree | string };

/** Flattened prefixes → the JSON member, and how to fold their entries. */
const MEMBERS: Record<string, { name: string; fold: "list" | "nameValue" | "keyValue" | "entries" }> = {
  Attribute: { name: "Attributes", fold: "nameValue" },
  AttributeName: { name: "AttributeNames", fold: "list" },
  MessageAttributeName: { name: "MessageAttributeNames", fold: "list" },
  MessageSystemAttributeName: { name: "MessageSystemAttributeNames", fold: "list" },
  MessageAttribute: { name: "MessageAttributes", fold: "nameValue" },
  MessageSystemAttribute: { name: "MessageSystemAttributes", fold: "nameValue" },
  TagKey: { name: "TagKeys", fold: "list" },
  SendMessageBatchRequestEntry: { name: "Entries", fold: "entries" },
  DeleteMessageBatchRequestEntry: { name: "Entries", fold: "entries" },
  ChangeMessageVisibilityBatchRequestEntry: { name: "Entries", fold: "entries" },
};

/** The action and its input; the Tag map is `tags` for CreateQueue and `Tags` for TagQueue, as in JSON. */
export function queryInput(params: URLSearchParams): { action: string; input: Record<string, unknown> } {
  const action = params.get("Action");
  if (!action) throw queueError("MissingParameter", "The request must contain the parameter Action.");
  const tree: Tree = {};
  for (const [key, value] of params) {
    if (key === "Action" || key === "Version" || (value === "" && !key.includes("."))) continue;
    let node = tree;
    const parts = key.split(".");
    for (let i = 0; i < parts.length - 1; i++) {
      const next = node[parts[i]!];
      if (typeof next === "string") break;
      const child: Tree = next ?? {};
      node[parts[i]!] = child;
      node = child;
    }
    node[parts.at(-1)!] = value;
  }
  return { action, input: fold(tree, action) as Record<string, unknown> };
}

function fold(tree: Tree, action: string): unknown {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(tree)) {
    const member =
      key === "Tag" ? { name: action === "CreateQueue" ? "tags" : "Tags", fold: "keyValue" as const } : MEMBERS[key];
    if (!member || typeof value === "string") {
      out[key] = typeof value === "string" ? value : fold(value, action);
      continue;
    }
    const items = Object.keys(value)
      .filter((k) => /^\d+$/.test(k))
      .sort((a, b) => Number(a) - Number(b))
      .map((k) => value[k]!);
    if (member.fold === "list") out[member.name] = items.filter((i) => typeof i === "string");
    else if (member.fold === "entries")
      out[member.name] = items.map((i) => (typeof i === "string" ? {} : fold(i, action)));
    else {
      const map: Record<string, unknown> = {};
      const [k, v] = member.fold === "keyValue" ? ["Key", "Value"] : ["Name", "Value"];
      for (const i of items) {
        if (typeof i === "string" || typeof i[k] !== "string") continue;
        const val = i[v];
        map[i[k] as string] = typeof val === "string" || val === undefined ? (val ?? "") : fold(val, action);
      }
      out[member.name] = map;
    }
  }
  return out;
}
