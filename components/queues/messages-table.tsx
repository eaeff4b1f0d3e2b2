"use client";
import Link from "next/link";
import { Fragment, useState } from "react";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { formatDateTime } from "@/lib/format";
import type { PeekedMessage } from "@/lib/queries/queues";
import { bodyPreview, formatBytes, prettyBody } from "@/components/queues/queue-format";

const th = "px-3 py-2 text-left text-xs font-semibold tracking-wide text-slate-600 uppercase dark:text-slate-300";
const td = "px-3 py-2 align-middle";
const STATES: Record<PeekedMessage["state"], { label: string; tone: BadgeTone }> = {
  visible: { label: "Visible", tone: "success" },
  "in flight": { label: "In flight", tone: "info" },
  delayed: { label: "Delayed", tone: "warning" },
};

/**
 * The oldest messages as they are (a peek: nothing is received). A row's body opens below it;
 * in a dead-letter queue each message that knows its source queue can be redriven there.
 */
export function MessagesTable({
  messages,
  deadLetter,
  redrivingId,
  onRedrive,
}: {
  messages: readonly PeekedMessage[];
  deadLetter: boolean;
  redrivingId: string | null;
  onRedrive: (m: PeekedMessage) => void;
}) {
  const [open, setOpen] = useState<string | null>(null);
  const columns = deadLetter ? 7 : 5;
  return (
    <div className="overflow-x-auto">
      <table className="w-full table-fixed text-sm">
        <caption className="sr-only">Oldest messages first. Open a row to read the whole body.</caption>
        <colgroup>
          <col />
          <col className="w-28" />
          <col className="w-24" />
          <col className="w-44" />
          <col className="w-28" />
          {deadLetter ? (
            <>
              <col className="w-40" />
              <col className="w-28" />
            </>
          ) : null}
        </colgroup>
        <thead className="border-b border-slate-200 dark:border-slate-800">
          <tr>
            <th scope="col" className={th}>
              Body
            </th>
            <th scope="col" className={th}>
              State
            </th>
            <th scope="col" className={`${th} text-right`}>
              Receives
            </th>
            <th scope="col" className={th}>
              Sent
            </th>
            <th scope="col" className={th}>
              Message
            </th>
            {deadLetter ? (
              <>
                <th scope="col" className={th}>
                  From queue
                </th>
                <th scope="col" className={th}>
                  <span className="sr-only">Redrive</span>
                </th>
              </>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {messages.map((m) => {
            const isOpen = open === m.messageId;
            const rowId = `message-${m.messageId}`;
            return (
              <Fragment key={m.messageId}>
                <tr data-testid="message-row" className="border-t border-slate-100 dark:border-slate-800">
                  <td className={td}>
                    <button
                      type="button"
                      onClick={() => setOpen(isOpen ? null : m.messageId)}
                      aria-expanded={isOpen}
                      aria-controls={isOpen ? rowId : undefined}
                      className="flex w-full min-w-0 items-start gap-1 rounded text-left hover:underline focus-visible:outline-2 focus-visible:outline-orange-500"
                    >
                      <span aria-hidden className="w-3 shrink-0 text-slate-400">
                        {isOpen ? "▾" : "▸"}
                      </span>
                      <span className="truncate font-mono text-xs">{bodyPreview(m.body, 200)}</span>
                    </button>
                  </td>
                  <td className={td}>
                    <Badge
                      tone={STATES[m.state].tone}
                      title={m.state === "visible" ? undefined : `Visible at ${formatDateTime(m.visibleAt)}`}
                    >
                      {STATES[m.state].label}
                    </Badge>
                  </td>
                  <td className={`${td} text-right tabular-nums`}>{m.receiveCount}</td>
                  <td className={`${td} font-mono text-xs tabular-nums whitespace-nowrap`}>
                    <time dateTime={m.sentAt}>{formatDateTime(m.sentAt)}</time>
                  </td>
                  <td
                    className={`${td} truncate font-mono text-xs text-slate-500 dark:text-slate-400`}
                    title={m.messageId}
                  >
                    {m.messageId.slice(0, 8)}
                  </td>
                  {deadLetter ? (
                    <>
                      <td className={`${td} truncate`}>
                        {m.sourceQueue ? (
                          <Link
                            href={`/queues/${encodeURIComponent(m.sourceQueue)}`}
                            className="text-orange-700 hover:underline dark:text-orange-400"
                          >
                            {m.sourceQueue}
                          </Link>
                        ) : (
                          <span className="text-slate-500 dark:text-slate-400">sent here</span>
                        )}
                      </td>
                      <td className={`${td} text-right`}>
                        {m.sourceQueue ? (
                          <Button
                            className="py-1"
                            onClick={() => onRedrive(m)}
                            disabled={redrivingId !== null}
                            aria-label={`Redrive message ${m.messageId} to ${m.sourceQueue}`}
                          >
                            {redrivingId === m.messageId ? "Redriving…" : "Redrive"}
                          </Button>
                        ) : null}
                      </td>
                    </>
                  ) : null}
                </tr>
                {isOpen ? (
                  <tr id={rowId}>
                    <td colSpan={columns} className="px-3 pb-3">
                      <MessageDetail m={m} />
                    </td>
                  </tr>
                ) : null}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function MessageDetail({ m }: { m: PeekedMessage }) {
  return (
    <section
      className="space-y-2 rounded-md bg-slate-50 p-3 text-xs dark:bg-slate-800/60"
      aria-label={`Message ${m.messageId}`}
    >
      <p className="font-mono text-slate-600 dark:text-slate-300">
        {m.messageId}
        {m.groupId ? ` · group ${m.groupId}` : ""}
        {m.state === "visible" ? "" : ` · visible at ${formatDateTime(m.visibleAt)}`}
      </p>
      <pre className="max-h-72 overflow-auto rounded bg-white p-2 font-mono whitespace-pre-wrap break-all dark:bg-slate-900">
        {prettyBody(m.body)}
      </pre>
      {m.truncated ? (
        <p className="text-slate-500 dark:text-slate-400">
          The first {formatBytes(m.body.length)} are shown; receive the message for all of it.
        </p>
      ) : null}
      {m.attributes && Object.keys(m.attributes).length ? (
        <pre className="overflow-auto rounded bg-white p-2 font-mono dark:bg-slate-900">
          {JSON.stringify(m.attributes, null, 2)}
        </pre>
      ) : null}
    </section>
  );
}
