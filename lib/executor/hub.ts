/**
 * The supervisor's socket: sandbox hosts and their instances connect back to it. The first
 * frame on a connection must be a hello naming a live sandbox and its secret token (handed
 * to that sandbox alone, through its environment); anything else is dropped. Unlike
 * inherited pipes this needs no fork of the server and sets no cap on instances.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import { chmodSync, mkdirSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { FrameReader, MAX_CONTROL_FRAME_BYTES, type Hello } from "@/lib/executor/protocol";

export interface HubClient {
  token: Buffer;
  /** Takes over the connection, with the reader that will deliver its later frames. */
  adopt(hello: Hello, socket: net.Socket, reader: SwitchableReader): boolean;
}

/** A frame reader whose frame handler (and size limit) can change after the hello. */
export class SwitchableReader {
  onFrame: (header: unknown, body: Buffer) => void = () => {};
  readonly reader: FrameReader;
  constructor(maxFrameBytes: number) {
    this.reader = new FrameReader((h, b) => this.onFrame(h, b), maxFrameBytes);
  }
}

export class Hub {
  private readonly server: net.Server;
  private readonly clients = new Map<string, HubClient>();
  readonly path: string;
  readonly listening: Promise<void>;

  constructor(workDir: string, maxLaneFrameBytes: number) {
    const preferred = path.join(workDir, "supervisor.sock");
    // Unix socket paths are limited to 107 bytes.
    if (preferred.length < 100) this.path = preferred;
    else {
      const dir = path.join(os.tmpdir(), `nimbus-${createHash("sha256").update(workDir).digest("hex").slice(0, 12)}`);
      mkdirSync(dir, { recursive: true, mode: 0o711 });
      this.path = path.join(dir, "s.sock");
    }
    rmSync(this.path, { force: true });
    this.server = net.createServer((socket) => this.onConnection(socket, maxLaneFrameBytes));
    this.server.on("error", () => {});
    this.listening = new Promise((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(this.path, () => {
        // Sandboxes may run under uids of their own; the token, not the file mode, admits them.
        chmodSync(this.path, 0o666);
        resolve();
      });
    });
  }

  register(id: string, client: HubClient): void {
    this.clients.set(id, client);
  }

  unregister(id: string): void {
    this.clients.delete(id);
  }

  private onConnection(socket: net.Socket, maxLaneFrameBytes: number): void {
    const sr = new SwitchableReader(MAX_CONTROL_FRAME_BYTES);
    const timer = setTimeout(() => socket.destroy(), 10_000);
    let greeted = false;
    sr.onFrame = (header) => {
      if (greeted) return;
      greeted = true;
      clearTimeout(timer);
      const hello = header as Hello;
      const client =
        hello?.t === "hello" && typeof hello.sandbox === "string" ? this.clients.get(hello.sandbox) : undefined;
      const token = typeof hello?.token === "string" ? Buffer.from(hello.token) : Buffer.alloc(0);
      if (!client || token.length !== client.token.length || !timingSafeEqual(token, client.token)) {
        socket.destroy();
        return;
      }
      if (hello.role === "lane") sr.reader.maxFrameBytes = maxLaneFrameBytes;
      if (!client.adopt(hello, socket, sr)) socket.destroy();
    };
    socket.on("data", (chunk: Buffer) => {
      try {
        sr.reader.push(chunk);
      } catch {
        socket.destroy();
      }
    });
    socket.on("error", () => {});
    socket.on("close", () => clearTimeout(timer));
  }

  async close(): Promise<void> {
    await new Promise<void>((r) => this.server.close(() => r()));
    rmSync(this.path, { force: true });
  }
}
