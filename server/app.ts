/**
 * The Nimbus server: one node:http server in front. The Lambda API goes straight to
 * lib/aws (no Next router on the invoke path); /api/health is answered here, before Next
 * is even ready; everything else is the console, handled by Next.
 */
import { randomUUID } from "node:crypto";
import http from "node:http";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { parseSettings, type Settings } from "@/lib/env";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "@/lib/db/embedded";
import { applyMigrations } from "@/lib/db/migrate";
import { createPlatform, type PlatformHandle } from "@/lib/platform/create";
import type { ShutdownReport } from "@/lib/platform/shutdown";
import { setPlatform } from "@/lib/platform/global";
import { handleLambdaApi, isAwsRequest } from "@/lib/aws/router";
import { urlAddressOf } from "@/lib/url/address";
import { hostOf, urlClientOf } from "@/lib/url/client";
import { handleUrlRequest } from "@/lib/url/handler";
import { SOURCE_IP_HEADER, USER_HEADER } from "@/lib/services/audit/actor";
import { sendError } from "@/lib/aws/http";
import { AppError, retryAfterSeconds, toAppError } from "@/lib/errors";
import { CLIENT_IP_HEADER } from "@/lib/auth/console-auth";
import { clientIpOf } from "@/lib/auth/client-ip";
import { checkBodySize, malformedPath } from "@/lib/http/console-guard";
import { sendConsoleError } from "@/lib/http/console-error";
import { configureLogging, createLogger } from "@/lib/log";
import { nodeSupport } from "@/scripts/node-support.mjs";

export interface StartOptions {
  root: string;
  env?: Record<string, string | undefined>;
  /** Serve the Next console (production build unless dev). Tests of the API may leave it off. */
  console?: "production" | "dev" | "off";
  /**
   * Where the server's log lines go (text), instead of the process-wide sink (stderr, in the
   * format NIMBUS_LOG_FORMAT names). Tests collect them with it.
   */
  log?: (line: string) => void;
}

export interface ServerHandle {
  url: string;
  port: number;
  settings: Settings;
  platform: PlatformHandle;
  databaseUrl: string;
  embedded: EmbeddedPostgres | null;
  /** Stops gracefully; the report lists what could not be finished (empty when all went well). */
  close(): Promise<ShutdownReport>;
}

type NextHandler = (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>;

export async function startServer(opts: StartOptions): Promise<ServerHandle> {
  const settings = parseSettings(opts.env ?? process.env);
  configureLogging({ level: settings.NIMBUS_LOG_LEVEL, format: settings.NIMBUS_LOG_FORMAT });
  const rootLog = opts.log ? createLogger(null, opts.log) : createLogger();
  const log = rootLog.child("nimbus");
  const consoleLog = rootLog.child("console");
  let platform: PlatformHandle | null = null;
  let nextHandler: NextHandler | null = null;
  let stopping = false;
  const consoleMode = opts.console ?? "production";

  const server = http.createServer((req, res) => {
    const url = req.url ?? "/";
    // A function URL, by host (<url-id>.lambda-url.…) or path (/lambda-url/<url-id>/…): the function's, whatever the path.
    const host = hostOf(req, settings.NIMBUS_TRUSTED_PROXIES);
    const fnUrl = urlAddressOf(url, host);
    if (fnUrl) {
      if (platform?.state !== "ready")
        return void res
          .writeHead(503, { "Content-Type": "application/json", "Retry-After": "1" })
          .end('{"Message":"Service Unavailable"}');
      const client = urlClientOf(req, host, settings.NIMBUS_TRUSTED_PROXIES);
      void handleUrlRequest(platform, req, res, fnUrl, client);
      return;
    }
    if (url === "/api/health" || url.startsWith("/api/health?")) return health(res);
    if (isAwsRequest(url, req.headers)) {
      if (platform?.state !== "ready")
        return sendError(
          res,
          new AppError(
            "ServiceUnavailableException",
            stopping ? "The server is shutting down" : "The server is starting",
          ),
        );
      void handleLambdaApi(platform, req, res);
      return;
    }
    if (platform?.state !== "ready") {
      res
        .writeHead(503, { "Content-Type": "text/plain", "Retry-After": "1" })
        .end(stopping ? "Nimbus is stopping" : "Nimbus is starting…");
      return;
    }
    consoleRequest(platform, req, res).catch((err: unknown) => consoleFailure(req, res, err));
  });

  /** The gate or Next threw: the console's JSON error for /api, a page saying what is wrong for the rest. */
  function consoleFailure(req: http.IncomingMessage, res: http.ServerResponse, err: unknown) {
    const { error, unexpected } = toAppError(err);
    const headers: Record<string, string> = {};
    if (unexpected) {
      const requestId = randomUUID();
      headers["x-nimbus-request-id"] = requestId;
      consoleLog.error("unexpected error serving the console", {
        requestId,
        method: req.method,
        path: (req.url ?? "/").split("?")[0],
        error: (err as Error)?.stack ?? String(err),
      });
    }
    if (res.headersSent) return void res.destroy();
    const retry = retryAfterSeconds(error);
    if (retry !== undefined) headers["Retry-After"] = String(retry);
    if ((req.url ?? "/").startsWith("/api/"))
      return sendConsoleError(res, error.status, error.code, error.message, headers);
    res
      .writeHead(error.status, { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store", ...headers })
      .end(unavailablePage(error.message, retry));
  }

  /** Everything but the Lambda API and health: the console, behind sign-in (lib/auth/console-auth.ts). */
  async function consoleRequest(platform: PlatformHandle, req: http.IncomingMessage, res: http.ServerResponse) {
    const url = req.url ?? "/";
    const q = url.indexOf("?");
    const pathname = q < 0 ? url : url.slice(0, q);
    const bad = malformedPath(pathname);
    if (bad) return sendConsoleError(res, 400, "InvalidRequestContentException", bad);
    const size = checkBodySize(req.method ?? "GET", pathname, req.headers);
    // Refused before anything reads the body; the connection closes rather than drain it.
    if (!size.ok)
      return sendConsoleError(res, size.status, "RequestTooLargeException", size.message, { Connection: "close" });
    // Route handlers learn the client address only from here: whatever a client sent is dropped.
    req.headers[CLIENT_IP_HEADER] = clientIpOf(
      req.socket.remoteAddress,
      req.headers["x-forwarded-for"],
      platform.settings.NIMBUS_TRUSTED_PROXIES,
    );
    // Route handlers learn who is calling only from here (the audit log names them); nothing a client sent survives.
    req.headers[SOURCE_IP_HEADER] = req.headers[CLIENT_IP_HEADER];
    delete req.headers[USER_HEADER];
    const decision = await platform.auth.authorize({
      method: req.method ?? "GET",
      url: req.url ?? "/",
      headers: req.headers,
    });
    if (decision.action === "pass" && decision.session) req.headers[USER_HEADER] = decision.session.username;
    if (decision.action === "deny") return sendConsoleError(res, decision.status, decision.code, decision.message);
    if (decision.action === "redirect") {
      res.writeHead(302, { Location: decision.location, "Cache-Control": "no-store" }).end();
      return;
    }
    if (!nextHandler) {
      res
        .writeHead(503, { "Content-Type": "text/plain", "Retry-After": "1" })
        .end(consoleMode === "off" ? "The console is not served by this process" : "Nimbus is starting…");
      return;
    }
    await nextHandler(req, res);
  }
  server.keepAliveTimeout = 65_000;

  /** The Node running the server and its line's end of life, for monitoring (README "Runtimes"). */
  const node = { version: process.versions.node, endOfLife: nodeSupport(process.versions.node).eol ?? null };
  function health(res: http.ServerResponse) {
    const started = platform?.state === "ready" && (consoleMode === "off" || nextHandler !== null) && !stopping;
    const db = platform?.dbHealth.snapshot;
    const ready = started && db?.state === "up";
    const body = JSON.stringify({
      status: ready ? "ok" : stopping ? "stopping" : started ? "degraded" : "starting",
      uptimeSeconds: platform ? Math.round((Date.now() - platform.startedAt) / 1000) : 0,
      database: {
        kind: settings.DATABASE_URL ? "external" : "embedded",
        state: db?.state ?? "unknown",
        ...(db ? { since: new Date(db.since).toISOString() } : {}),
        ...(db?.error ? { error: db.error } : {}),
      },
      records: platform
        ? { pending: platform.writer.pending, failing: platform.writer.failing, ...platform.capacity.state }
        : null,
      executor: platform ? platform.executor.stats() : null,
      inFlight: platform ? platform.admission.running : 0,
      node,
    });
    res.writeHead(ready ? 200 : 503, { "Content-Type": "application/json", "Cache-Control": "no-store" }).end(body);
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(settings.PORT, settings.HOST, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  let embedded: EmbeddedPostgres | null = null;
  try {
    let databaseUrl = settings.DATABASE_URL;
    if (!databaseUrl) {
      embedded = await startEmbeddedPostgres(settings.dataDir, {
        port: settings.NIMBUS_EMBEDDED_PG_PORT || undefined,
        log: rootLog.child("db"),
      });
      databaseUrl = embedded.url;
      log.info(`embedded PostgreSQL on 127.0.0.1:${embedded.port}, data in ${embedded.pgDir}`);
    }
    const { applied } = await applyMigrations(databaseUrl, path.join(opts.root, "prisma", "migrations"));
    if (applied.length) log.info(`applied migrations: ${applied.join(", ")}`);
    platform = await createPlatform(settings, {
      databaseUrl,
      hostScript: path.join(opts.root, ".nimbus", "sandbox", "host.mjs"),
      log: rootLog,
      port,
      databaseDir: embedded?.pgDir ?? null,
    });
    const dbHealth = platform.dbHealth;
    embedded?.supervise({ down: (reason) => dbHealth.down(reason), restarted: () => void dbHealth.probe() });
    setPlatform(platform);
    platform.state = "ready";

    if (consoleMode !== "off") {
      const { default: next } = await import("next");
      const app = next({ dev: consoleMode === "dev", dir: opts.root, hostname: "localhost", port, quiet: true });
      await app.prepare();
      const handle = app.getRequestHandler();
      nextHandler = (req, res) => handle(req, res);
    }

    const handle: ServerHandle = {
      url: `http://localhost:${port}`,
      port,
      settings,
      platform,
      databaseUrl,
      embedded,
      async close() {
        stopping = true;
        server.close();
        server.closeIdleConnections();
        const report = await platform!.close(settings.NIMBUS_SHUTDOWN_GRACE_SECONDS * 1000);
        setPlatform(undefined);
        server.closeAllConnections();
        await embedded?.stop();
        return report;
      },
    };
    return handle;
  } catch (err) {
    server.close();
    await platform?.close(0).catch(() => {});
    await embedded?.stop().catch(() => {});
    throw err;
  }
}

const UNAVAILABLE_STYLE =
  "body{font:15px system-ui,sans-serif;margin:4rem auto;max-width:40rem;padding:0 1rem;color:#0f172a}" +
  "h1{font-size:1.25rem}p{color:#475569}";

/** What a browser shows when the console cannot answer (the database is down, most often). */
function unavailablePage(message: string, retryAfter: number | undefined): string {
  const esc = (t: string) =>
    t.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);
  const refresh = retryAfter !== undefined ? `<meta http-equiv="refresh" content="${Math.max(2, retryAfter)}">` : "";
  const again = refresh ? "<p>This page tries again by itself.</p>" : "";
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Nimbus is unavailable</title>${refresh}
<style>${UNAVAILABLE_STYLE}</style></head>
<body><h1>Nimbus cannot serve the console right now</h1><p>${esc(message)}</p>${again}</body></html>`;
}
