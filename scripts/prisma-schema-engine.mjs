#!/usr/bin/env node
// Stand-in for Prisma's native `schema-engine` binary, which is downloaded from binaries.prisma.sh
// (unreachable here). prisma.config.ts points PRISMA_SCHEMA_ENGINE_BINARY at this file. The Prisma CLI
// starts it in one of three ways, all handled below:
//   --version                                    -> prints "schema-engine-cli <hash>"
//   --datasource <json> cli <command>            -> can-connect-to-database | create-database | drop-database
//   [--datamodels <file>]... [--datasource <json>] -> JSON-RPC 2.0 server, one message per line on stdio
// Every JSON-RPC method is delegated to @prisma/schema-engine-wasm, which reaches PostgreSQL through
// @prisma/adapter-pg. The datasource comes from `--datasource` (prisma.config.ts `datasource`), else DATABASE_URL.
import fs from "node:fs";
import readline from "node:readline";
import { createRequire } from "node:module";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import * as wasmRuntime from "@prisma/schema-engine-wasm/schema_engine_bg";

const require = createRequire(import.meta.url);
const { bindMigrationAwareSqlAdapterFactory, ColumnTypeEnum } = createRequire(require.resolve("@prisma/adapter-pg"))(
  "@prisma/driver-adapter-utils",
);

const args = process.argv.slice(2);
const opt = (name) => args.flatMap((a, i) => (a === name && i + 1 < args.length ? [args[i + 1]] : []));
const datasource = opt("--datasource").length ? JSON.parse(opt("--datasource")[0]) : {};
const url = datasource.url ?? process.env.DATABASE_URL ?? "";

// The Prisma CLI expects "<name> <commit hash>"; the hash is the engines commit the wasm was built from.
if (args.includes("--version") || args.includes("-V")) {
  process.stdout.write(`schema-engine-cli ${loadWasm().version()}\n`);
  process.exit(0);
}

const dbName = (u) => decodeURIComponent(new URL(u).pathname.slice(1)) || "postgres";
const quoteIdent = (name) => `"${name.replaceAll('"', '""')}"`;
async function withClient(connectionString, fn) {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => {});
  }
}
function maintenanceUrl(u) {
  const m = new URL(u);
  m.pathname = "/postgres";
  return m.toString();
}
// Error codes the CLI understands (P1003 makes `migrate deploy`/`db push` create the missing database).
function errorCode(e, u) {
  const { hostname, port } = new URL(u);
  const at = `${hostname}:${port || 5432}`;
  if (e.code === "3D000")
    return ["P1003", `Database \`${dbName(u)}\` does not exist on the database server at \`${at}\`.`];
  if (e.code === "28P01" || e.code === "28000")
    return ["P1000", `Authentication failed against database server at \`${at}\`: ${e.message}`];
  if (e.code === "42P04")
    return ["P1009", `Database \`${dbName(u)}\` already exists on the database server at \`${at}\``];
  if (/^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EHOSTUNREACH)$/.test(e.code))
    return ["P1001", `Can't reach database server at \`${at}\``];
  return [undefined, e.message];
}

if (args.includes("cli")) {
  const command = args[args.indexOf("cli") + 1];
  // The CLI discards the first stderr line and parses every following one as a JSON log record.
  process.stderr.write(`{"level":"INFO","fields":{"message":"schema-engine wasm shim: cli ${command}"}}\n`);
  try {
    if (command === "can-connect-to-database") await withClient(url, (c) => c.query("SELECT 1"));
    else if (command === "create-database")
      await withClient(maintenanceUrl(url), (c) => c.query(`CREATE DATABASE ${quoteIdent(dbName(url))}`));
    else if (command === "drop-database")
      await withClient(maintenanceUrl(url), (c) => c.query(`DROP DATABASE ${quoteIdent(dbName(url))}`));
    else throw new Error(`Unsupported schema-engine command: cli ${command}`);
    process.exit(0);
  } catch (e) {
    const [error_code, message] = errorCode(e, url);
    process.stderr.write(
      JSON.stringify({ level: "ERROR", target: "schema_engine::logger", fields: { error_code, message } }),
    );
    process.exit(1);
  }
}

function loadWasm() {
  globalThis.PRISMA_WASM_PANIC_REGISTRY = {
    message: "",
    set_message(m) {
      this.message = m;
    },
  };
  const wasmFile = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg").replace(/\.js$/, ".wasm");
  const instance = new WebAssembly.Instance(new WebAssembly.Module(fs.readFileSync(wasmFile)), {
    "./schema_engine_bg.js": wasmRuntime,
  });
  wasmRuntime.__wbg_set_wasm(instance.exports);
  instance.exports.__wbindgen_start();
  return wasmRuntime;
}

// Two adapter-pg 7.10 shortcomings, patched on each connection:
// - queryRaw() rejects PostgreSQL's internal `"char"` type (OID 18), which the engine's catalog queries return
//   (pg_class.relkind, pg_constraint.contype...), and the engine reads those columns as Character, not Text.
//   The column is relabelled as text for adapter-pg, then typed Character in the result.
// - executeScript() splits scripts on every `;`, breaking migrations with a `;` in a comment, a string or a
//   $$ body. The whole script goes as one simple query instead, as with the native engine.
let queryablePatched = false;
function patchAdapter(adapter) {
  const queryable = Object.getPrototypeOf(Object.getPrototypeOf(adapter)); // PgQueryable, shared with transactions
  if (!queryablePatched) {
    queryablePatched = true;
    const { queryRaw } = queryable;
    queryable.queryRaw = async function (query) {
      let charColumns = [];
      const performIO = async (q) => {
        const result = await this.performIO(q);
        charColumns = result.fields.flatMap((field, i) => (field.dataTypeID === 18 ? [i] : []));
        for (const i of charColumns) result.fields[i].dataTypeID = 25;
        return result;
      };
      const result = await queryRaw.call(Object.create(this, { performIO: { value: performIO } }), query);
      for (const i of charColumns) result.columnTypes[i] = ColumnTypeEnum.Character;
      return result;
    };
  }
  adapter.executeScript = async (script) => {
    try {
      await adapter.underlyingDriver().query(script);
    } catch (e) {
      adapter.onError(e);
    }
  };
  return adapter;
}

const shadowCleanups = [];
function adapterFactory() {
  const adapterOptions = (u) => ({ schema: new URL(u).searchParams.get("schema") ?? undefined });
  const factory = new PrismaPg({ connectionString: url }, adapterOptions(url));
  const connect = factory.connect.bind(factory);
  factory.connect = async () => patchAdapter(await connect());
  // adapter-pg's own connectToShadowDb() reconnects to the main database (connectionString overrides its
  // `database`), so the shadow database is handled here: the configured `shadowDatabaseUrl`, wiped first like
  // the native engine does, or else a temporary prisma_migrate_shadow_db_<uuid> (needs CREATEDB). It is closed
  // (the temporary database dropped) on dispose, or when the request ends if the engine did not dispose it.
  factory.connectToShadowDb = async () => {
    let shadowUrl = datasource.shadowDatabaseUrl;
    let drop = async () => {};
    if (shadowUrl) {
      const schema = quoteIdent(adapterOptions(shadowUrl).schema ?? "public");
      await withClient(shadowUrl, (c) => c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}`));
    } else {
      const name = `prisma_migrate_shadow_db_${crypto.randomUUID()}`;
      await withClient(url, (c) => c.query(`CREATE DATABASE ${quoteIdent(name)}`));
      const u = new URL(url);
      u.pathname = `/${name}`;
      shadowUrl = u.toString();
      drop = () => withClient(url, (c) => c.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)}`));
    }
    const adapter = patchAdapter(
      await new PrismaPg({ connectionString: shadowUrl }, adapterOptions(shadowUrl)).connect(),
    );
    let closing;
    const close = () =>
      (closing ??= adapter
        .underlyingDriver()
        .end()
        .catch(() => {})
        .then(drop)
        .then(() => undefined));
    shadowCleanups.push(close);
    adapter.dispose = close;
    return adapter;
  };
  return bindMigrationAwareSqlAdapterFactory(factory);
}

// A diff between schema files and/or empty needs no database, but SchemaEngine.new() probes one (schema exists?,
// version): this adapter answers that probe, so such diffs work with no database server at all.
function offlineFactory() {
  const noDatabase = async () => {
    throw new Error("This operation needs a database, none is used for this diff.");
  };
  const { Boolean: bool, Text: text, Int32: int } = ColumnTypeEnum;
  const adapter = {
    provider: "postgres",
    adapterName: "@prisma/adapter-pg",
    executeRaw: noDatabase,
    executeScript: noDatabase,
    startTransaction: noDatabase,
    queryRaw: async () => ({
      columnNames: ["exists", "version", "numeric_version"],
      columnTypes: [bool, text, int],
      rows: [[true, "PostgreSQL", 170000]],
    }),
    getConnectionInfo: () => ({ schemaName: undefined, supportsRelationJoins: true }),
    dispose: async () => {},
  };
  return bindMigrationAwareSqlAdapterFactory({
    provider: "postgres",
    adapterName: "@prisma/adapter-pg",
    connect: async () => adapter,
    connectToShadowDb: noDatabase,
  });
}

const { SchemaEngine } = loadWasm();
const datamodels = opt("--datamodels").map((file) => [file, fs.readFileSync(file, "utf8")]);
const engines = {}; // created on first use: SchemaEngine.new() already connects
const getEngine = (offline) =>
  (engines[offline] ??= SchemaEngine.new(
    { datamodels: datamodels.length ? datamodels : undefined },
    (log) => process.stderr.write(log.endsWith("\n") ? log : `${log}\n`),
    offline ? offlineFactory() : adapterFactory(),
  ));

async function call(method, params) {
  if (method === "createDatabase") {
    await withClient(maintenanceUrl(url), (c) => c.query(`CREATE DATABASE ${quoteIdent(dbName(url))}`));
    return { databaseName: dbName(url) };
  }
  const offline =
    method === "diff" && [params.from, params.to].every((t) => t.tag === "empty" || t.tag === "schemaDatamodel");
  const e = await getEngine(offline);
  // The wasm engine only reports its own connection's version; a `datasource` param would not deserialize.
  if (method === "getDatabaseVersion") return e.version(null);
  if (typeof e[method] !== "function")
    throw new Error(`Method \`${method}\` is not supported by @prisma/schema-engine-wasm.`);
  return (await e[method](params)) ?? {};
}

// Before answering: the CLI kills this process as soon as it has its last answer.
const closeShadowDatabases = () => Promise.allSettled(shadowCleanups.splice(0).map((close) => close()));
const send = (message) => process.stdout.write(`${JSON.stringify({ jsonrpc: "2.0", ...message })}\n`);
let printId = 0;
let current; // the request in flight
async function handle(line) {
  let request;
  try {
    request = JSON.parse(line);
  } catch {
    return;
  }
  if (!request.method) return; // e.g. the CLI acknowledging a `print` request
  current = request;
  try {
    const result = await call(request.method, request.params);
    // The native engine hands diff output to the CLI through a `print` request (newline-terminated) instead of
    // returning it.
    if (request.method === "diff" && typeof result.stdout === "string") {
      send({ id: `print-${++printId}`, method: "print", params: { content: result.stdout.replace(/(?<!\n)$/, "\n") } });
      result.stdout = null;
    }
    await closeShadowDatabases();
    send({ id: request.id, result });
  } catch (err) {
    await closeShadowDatabases();
    sendError(request.id, err);
  } finally {
    current = undefined;
  }
}
// Engine errors carry a Prisma error code (P3xxx...) in `code`; pg errors carry SQLSTATE / errno codes.
function sendError(id, err) {
  const panic = err instanceof WebAssembly.RuntimeError;
  const message = panic ? globalThis.PRISMA_WASM_PANIC_REGISTRY.message || String(err) : (err?.message ?? String(err));
  const error_code = /^P\d{4}$/.test(err?.code) ? err.code : err?.code && url ? errorCode(err, url)[0] : undefined;
  send({
    id,
    error: {
      code: 4466,
      message: "An error happened. Check the data field for details.",
      data: { is_panic: panic, message, error_code },
    },
  });
}

// Params the wasm cannot deserialize throw outside the returned promise: fail the request, then exit.
process.on("uncaughtException", (err) => {
  if (current) sendError(current.id, err);
  process.stderr.write(`${JSON.stringify({ level: "ERROR", fields: { message: String(err?.message ?? err) } })}\n`);
  process.stdout.write("", () => process.exit(1));
});

// Requests run one at a time: the wasm engine's methods borrow it mutably.
let queue = Promise.resolve();
const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
rl.on("line", (line) => {
  queue = queue.then(() => handle(line));
});
rl.on("close", () => queue.then(() => process.exit(0)));
