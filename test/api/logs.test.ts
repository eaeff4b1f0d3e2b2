import { describe, expect, it } from "vitest";
import { CreateFunctionCommand, InvokeCommand } from "@aws-sdk/client-lambda";
import { uniqueName, testServer, zipOf } from "@/test/server";
import { searchLogLines } from "@/lib/logs/search";

const t = testServer();

describe("log lines are queryable", () => {
  it("by function, invocation, time range and text, newest first with a cursor", async () => {
    const name = uniqueName();
    await t.lambda.send(
      new CreateFunctionCommand({
        FunctionName: name,
        Role: "r",
        Runtime: "nodejs20.x",
        Handler: "index.handler",
        Code: {
          ZipFile: zipOf(
            `export const handler = async (e) => { console.log("order " + e.n + " shipped"); console.warn("50%_done"); return e.n; };`,
          ),
        },
      }),
    );
    const before = Date.now();
    const ids: string[] = [];
    for (let n = 1; n <= 3; n++) {
      const r = await t.lambda.send(
        new InvokeCommand({ FunctionName: name, Payload: new TextEncoder().encode(JSON.stringify({ n })) }),
      );
      ids.push(r.$metadata.requestId!);
    }
    await t.srv.platform.writer.flush();
    const fnId = (await t.srv.platform.resolver.get(name))!.record.id;
    const pool = t.srv.platform.db.pool;

    const all = await searchLogLines(pool, { functionId: fnId });
    expect(all.items).toHaveLength(6);
    expect(all.items[0]!.message).toBe("50%_done"); // newest first

    const text = await searchLogLines(pool, { functionId: fnId, text: "ORDER 2" });
    expect(text.items.map((l) => l.message)).toEqual(["order 2 shipped"]);
    // LIKE wildcards in the search text are literal.
    expect((await searchLogLines(pool, { functionId: fnId, text: "0%_d" })).items).toHaveLength(3);
    expect((await searchLogLines(pool, { functionId: fnId, text: "0%xd" })).items).toHaveLength(0);

    const one = await searchLogLines(pool, { requestId: ids[0] });
    expect(one.items.map((l) => l.level).sort()).toEqual(["INFO", "WARN"]);

    expect((await searchLogLines(pool, { functionId: fnId, from: before, to: Date.now() + 1000 })).items).toHaveLength(
      6,
    );
    expect((await searchLogLines(pool, { functionId: fnId, to: before })).items).toHaveLength(0);

    const page1 = await searchLogLines(pool, { functionId: fnId, limit: 4 });
    const page2 = await searchLogLines(pool, { functionId: fnId, limit: 4, before: page1.nextCursor! });
    expect(page1.items).toHaveLength(4);
    expect(page2.items).toHaveLength(2);
    expect(page2.nextCursor).toBeNull();
  });
});
