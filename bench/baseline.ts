/**
 * The floor for an HTTP invoke in Node: a plain node:http server that parses the event and
 * calls the same handler in-process (no sandbox, no database, no isolation).
 * Run as its own process: node baseline.mjs <port>
 */
import http from "node:http";
import { inProcess, type BenchFunction } from "@/bench/handlers";

const port = Number(process.argv[2] ?? 0);
const server = http.createServer((req, res) => {
  const m = /^\/2015-03-31\/functions\/([^/]+)\/invocations/.exec(req.url ?? "");
  const fn = m ? inProcess[m[1] as BenchFunction] : undefined;
  if (!fn) {
    res.writeHead(404).end();
    return;
  }
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    const raw = Buffer.concat(chunks).toString("utf8");
    const event = raw ? JSON.parse(raw) : {};
    fn(event).then((result) => {
      const body = JSON.stringify(result ?? null);
      res.writeHead(200, {
        "Content-Type": "application/json",
        "Content-Length": Buffer.byteLength(body),
        "X-Amz-Executed-Version": "$LATEST",
      });
      res.end(body);
    });
  });
});
server.keepAliveTimeout = 65_000;
server.listen(port, "127.0.0.1", () => {
  process.stdout.write(`${(server.address() as { port: number }).port}\n`);
});
