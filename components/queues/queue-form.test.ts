import { describe, expect, it } from "vitest";
import {
  draftOfQueue,
  NEW_QUEUE,
  queueFieldOfError,
  queueNameProblem,
  toCreateRequest,
  toSettingsRequest,
  validateQueue,
} from "@/components/queues/queue-form";
import type { QueueJson } from "@/lib/queries/queues";

const limits = { maxVisibilitySec: 43_200, maxDelaySec: 900 };
const draft = { ...NEW_QUEUE, name: "orders" };

describe("queue form rules", () => {
  it("accepts SQS's defaults", () => {
    expect(validateQueue(draft, limits, [])).toEqual({});
  });

  it("checks names like SQS, FIFO ones ending in .fifo, and refuses a name taken", () => {
    expect(queueNameProblem("", false)).toBe("Enter a queue name");
    expect(queueNameProblem("bad name", false)).toMatch(/letters, digits/);
    expect(queueNameProblem("x".repeat(81), false)).toMatch(/1 to 80/);
    expect(queueNameProblem("jobs", true)).toBe("A FIFO queue's name must end in .fifo");
    expect(queueNameProblem("jobs.fifo", false)).toBe("Only a FIFO queue's name may end in .fifo");
    expect(queueNameProblem("jobs.fifo", true)).toBeNull();
    expect(validateQueue(draft, limits, ["orders"]).name).toBe("A queue named orders already exists");
    // Editing: the name is not a field.
    expect(validateQueue({ ...draft, name: "" }, limits)).toEqual({});
  });

  it("names the range next to each number, with the server's raisable limits", () => {
    const e = validateQueue(
      {
        ...draft,
        visibilityTimeoutSec: "43201",
        retentionSec: "59",
        delaySec: "901",
        receiveWaitSec: "21",
        maxMessageBytes: "1023",
      },
      limits,
      [],
    );
    expect(e.visibilityTimeoutSec).toBe("Visibility timeout must be between 0 and 43200 seconds (12 h)");
    expect(e.retentionSec).toMatch(/between 60 and 1209600 seconds/);
    expect(e.delaySec).toBe("Delay must be between 0 and 900 seconds (15 min)");
    expect(e.receiveWaitSec).toBe("Receive wait must be between 0 and 20 seconds");
    expect(e.maxMessageBytes).toMatch(/between 1024 and 1048576 bytes/);
    expect(validateQueue({ ...draft, visibilityTimeoutSec: "50000" }, { ...limits, maxVisibilitySec: 86_400 })).toEqual(
      {},
    );
    expect(validateQueue({ ...draft, delaySec: "1.5" }, limits).delaySec).toBeDefined();
  });

  it("checks the dead-letter queue and its maximum receives only when one is chosen", () => {
    expect(validateQueue({ ...draft, maxReceiveCount: "0" }, limits)).toEqual({});
    const e = validateQueue({ ...draft, deadLetterQueue: "orders", maxReceiveCount: "0" }, limits);
    expect(e.deadLetterQueue).toBe("A queue cannot be its own dead-letter queue");
    expect(e.maxReceiveCount).toBe("Maximum receives must be between 1 and 1000");
  });

  it("builds the requests: no redrive on create without a DLQ, null to remove one on update", () => {
    expect(toCreateRequest(draft)).toEqual({
      name: "orders",
      fifo: false,
      visibilityTimeoutSec: 30,
      retentionSec: 345_600,
      delaySec: 0,
      receiveWaitSec: 0,
      maxMessageBytes: 1_048_576,
    });
    expect(toCreateRequest({ ...draft, deadLetterQueue: "orders-dlq", maxReceiveCount: "2" }).redrive).toEqual({
      deadLetterQueue: "orders-dlq",
      maxReceiveCount: 2,
    });
    expect(toSettingsRequest(draft).redrive).toBeNull();
    expect(toSettingsRequest({ ...draft, fifo: true, contentBasedDedup: true }).contentBasedDedup).toBe(true);
    expect("contentBasedDedup" in toSettingsRequest(draft)).toBe(false);
  });

  it("round-trips a queue into a draft", () => {
    const q = {
      name: "jobs.fifo",
      fifo: true,
      visibilityTimeoutSec: 2,
      retentionSec: 60,
      delaySec: 0,
      receiveWaitSec: 20,
      maxMessageBytes: 2048,
      contentBasedDedup: true,
      redrive: { deadLetterQueue: "dead.fifo", maxReceiveCount: 1 },
    } as QueueJson;
    expect(draftOfQueue(q)).toMatchObject({ visibilityTimeoutSec: "2", deadLetterQueue: "dead.fifo" });
    expect(toSettingsRequest(draftOfQueue(q))).toMatchObject({ redrive: q.redrive, contentBasedDedup: true });
  });

  it("puts a server error next to its field", () => {
    expect(queueFieldOfError("visibilityTimeoutSec", "x")).toBe("visibilityTimeoutSec");
    expect(queueFieldOfError("redrive.maxReceiveCount", "x")).toBe("maxReceiveCount");
    expect(queueFieldOfError("redrive.deadLetterQueue", "x")).toBe("deadLetterQueue");
    expect(
      queueFieldOfError(
        undefined,
        "Value for parameter RedrivePolicy is invalid: the dead-letter queue x does not exist",
      ),
    ).toBe("deadLetterQueue");
    expect(queueFieldOfError(undefined, "A queue already exists with the same name and a different value")).toBe(
      "name",
    );
    expect(queueFieldOfError(undefined, "The database is unavailable")).toBeNull();
  });
});
