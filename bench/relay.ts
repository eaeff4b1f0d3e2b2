/**
 * The floor of Nimbus's design, for `npm run bench:stages`: the baseline's node:http server, plus
 * the one process hop Nimbus makes — each request goes as one frame (lib/executor/protocol.ts) over
 * a unix socket to a worker thread in another process (the sandbox's Node), which runs the noop
 * and answers with one frame. No SigV4, no records, no isolation: only the boundary.
 * Roles, by argument: `relay.mjs <port>` the server; `relay.mjs --child <socket> <lanes>` the
 * "sandbox" (a worker per lane, each with its own connection, as Nimbus's instances have).
 */
import { spawn } from "node:child_process";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { isMainThread, Worker, workerData } from "node:worker_threads";
import { encodeFrame, FrameReader } from "@/lib/executor/protocol";

const LANES = 8;

function server(port: number, childNode: string) {
  const sock = path.join(os.tmpdir(), `nimbus-relay-${process.pid}.sock`);
  const free: net.Socket[] = [];
  const waiting: ((lane: net.Socket) => void)[] = [];
  const replies = new Map<net.Socket, (body: Buffer) => void>();
  const release = (lane: net.Socket) => {
    const next = waiting.shift();
    if (next) next(lane);
    else free.push(lane);
  };
  net
    .createServer((lane) => {
      const reader = new FrameReader((_h, body) => replies.get(lane)!(body), 8 << 20);
      lane.on("data", (c: Buffer) => reader.push(c));
      release(lane);
    })
    .listen(sock, () => {
      spawn(childNode, [process.argv[1]!, "--child", sock, String(LANES)], { stdio: "inherit" });
    });
  let id = 0;
  const web = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const send = (lane: net.Socket) => {
        replies.set(lane, (body) => {
          res.writeHead(200, { "Content-Type": "application/json", "Content-Length": body.byteLength });
          res.end(body);
          release(lane);
        });
        lane.write(encodeFrame({ t: "invoke", id: String(++id) }, Buffer.concat(chunks)));
      };
      const lane = free.pop();
      if (lane) send(lane);
      else waiting.push(send);
    });
  });
  web.keepAliveTimeout = 65_000;
  web.listen(port, "127.0.0.1", () => process.stdout.write(`${(web.address() as { port: number }).port}\n`));
}

function child(sock: string, lanes: number) {
  for (let i = 0; i < lanes; i++) new Worker(new URL(import.meta.url), { workerData: { sock } });
}

function lane(sock: string) {
  const handler = async (_event: unknown) => null;
  const conn = net.connect(sock);
  const reader = new FrameReader((h, body) => {
    const event = JSON.parse(body.toString("utf8") || "{}");
    void handler(event).then((result) => {
      conn.write(encodeFrame({ t: "result", id: (h as { id: string }).id }, Buffer.from(JSON.stringify(result))));
    });
  }, 8 << 20);
  conn.on("data", (c: Buffer) => reader.push(c));
}

if (!isMainThread) lane((workerData as { sock: string }).sock);
else if (process.argv[2] === "--child") child(process.argv[3]!, Number(process.argv[4]));
else server(Number(process.argv[2] ?? 0), process.env.RELAY_CHILD_NODE ?? process.execPath);
