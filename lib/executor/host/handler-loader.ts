/**
 * Resolves and loads a handler the way the AWS Lambda Node runtime does: "dir/file.export"
 * → file.js | file.mjs | file.cjs under the code folder, one error type per failure.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { runtimeError } from "@/lib/executor/errors";
import type { SerializedError } from "@/lib/executor/types";

export type Handler = (event: unknown, context: object, callback: (err?: unknown, value?: unknown) => void) => unknown;

export class LoadError extends Error {
  constructor(readonly detail: SerializedError) {
    super(detail.errorMessage);
  }
}

export function parseHandlerString(handler: string): { modulePath: string; exportPath: string[] } {
  const slash = handler.lastIndexOf("/");
  const dot = handler.indexOf(".", slash + 1);
  if (dot <= slash + 1 || dot === handler.length - 1)
    throw new LoadError(
      runtimeError("Runtime.MalformedHandlerName", `Bad handler ${handler}: expected <module>.<export>`),
    );
  return { modulePath: handler.slice(0, dot), exportPath: handler.slice(dot + 1).split(".") };
}

export async function loadHandler(codeDir: string, handlerString: string): Promise<Handler> {
  const { modulePath, exportPath } = parseHandlerString(handlerString);
  const base = path.resolve(codeDir, modulePath);
  if (!base.startsWith(path.resolve(codeDir) + path.sep))
    throw new LoadError(
      runtimeError(
        "Runtime.MalformedHandlerName",
        `Bad handler ${handlerString}: the module must be inside the function's code`,
      ),
    );
  const file = [".js", ".mjs", ".cjs"].map((ext) => base + ext).find((f) => existsSync(f));
  if (!file)
    throw new LoadError(runtimeError("Runtime.ImportModuleError", `Error: Cannot find module '${modulePath}'`));

  let ns: Record<string, unknown>;
  try {
    ns = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (err) {
    if (err instanceof SyntaxError)
      throw new LoadError(
        runtimeError("Runtime.UserCodeSyntaxError", `${err.name}: ${err.message}`, (err.stack ?? "").split("\n")),
      );
    const code = (err as { code?: unknown } | null)?.code;
    if (code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND") {
      throw new LoadError(
        runtimeError(
          "Runtime.ImportModuleError",
          `Error: ${(err as Error).message}`,
          ((err as Error).stack ?? "").split("\n"),
        ),
      );
    }
    throw err; // a user error thrown during init keeps its own type
  }
  const fromNs = resolvePath(ns, exportPath) ?? resolvePath(ns.default, exportPath);
  if (typeof fromNs !== "function")
    throw new LoadError(runtimeError("Runtime.HandlerNotFound", `${handlerString} is undefined or not exported`));
  return fromNs as Handler;
}

function resolvePath(root: unknown, parts: string[]): unknown {
  let cur = root;
  for (const p of parts) {
    if (cur === null || (typeof cur !== "object" && typeof cur !== "function")) return undefined;
    cur = (cur as Record<string, unknown>)[p];
  }
  return cur;
}
