/** What the Versions tab compares, and how (pure: tested in compare.test.ts). */
import type { VersionFileJson as VersionFile, VersionListJson } from "@/lib/queries/versions";

export const LATEST = "$LATEST";

export interface VersionPair {
  /** The older side (left, "original" in the diff editor). */
  a: string;
  /** The newer side (right, "modified"). */
  b: string;
}

/**
 * What to compare first: the newest version against $LATEST when $LATEST has changes not yet
 * published (what publishing would freeze), else the previous version against the newest; with
 * one version only, it against $LATEST. No published version: nothing to compare.
 */
export function defaultPair(list: Pick<VersionListJson, "items" | "latestPublishedAs">): VersionPair | null {
  const published = list.items.filter((v) => v.version !== LATEST).map((v) => v.version);
  const [newest, previous] = published;
  if (!newest) return null;
  if (list.latestPublishedAs === null || !previous) return { a: newest, b: LATEST };
  return { a: previous, b: newest };
}

/** The pair the URL asks for, when both sides still exist; else the default. */
export function pickPair(
  list: Pick<VersionListJson, "items" | "latestPublishedAs">,
  a: string | null,
  b: string | null,
): VersionPair | null {
  const exists = (v: string | null) => v !== null && list.items.some((x) => x.version === v);
  return exists(a) && exists(b) ? { a: a!, b: b! } : defaultPair(list);
}

export type FileStatus = "added" | "removed" | "changed" | "unchanged";

export interface FileChange {
  path: string;
  status: FileStatus;
  a?: VersionFile;
  b?: VersionFile;
}

/** Every path of either side, by path, with what happened to it from A to B. */
export function compareFiles(a: readonly VersionFile[], b: readonly VersionFile[]): FileChange[] {
  const before = new Map(a.map((f) => [f.path, f]));
  const after = new Map(b.map((f) => [f.path, f]));
  const paths = [...new Set([...before.keys(), ...after.keys()])].sort();
  return paths.map((path) => {
    const fa = before.get(path);
    const fb = after.get(path);
    const status: FileStatus = !fa ? "added" : !fb ? "removed" : fa.sha256 === fb.sha256 ? "unchanged" : "changed";
    return { path, status, a: fa, b: fb };
  });
}

/** The file to open first: the first changed one, else the first added or removed, else the first. */
export function firstInteresting(changes: readonly FileChange[]): string | null {
  const pick =
    changes.find((c) => c.status === "changed") ?? changes.find((c) => c.status !== "unchanged") ?? changes[0];
  return pick?.path ?? null;
}

const LANGUAGES: Record<string, string> = {
  js: "javascript",
  mjs: "javascript",
  cjs: "javascript",
  jsx: "javascript",
  ts: "typescript",
  mts: "typescript",
  cts: "typescript",
  tsx: "typescript",
  json: "json",
  md: "markdown",
  html: "html",
  css: "css",
  yml: "yaml",
  yaml: "yaml",
  py: "python",
  sh: "shell",
};

/** Monaco's language for a file, by its extension. */
export function languageOf(path: string): string {
  const ext = /\.([^./]+)$/.exec(path)?.[1]?.toLowerCase();
  return (ext && LANGUAGES[ext]) || "plaintext";
}

/** Who made a version, from its createdBy label ("console-user:alice", "access-key:AKIA…"). */
export function describeActor(label: string | null): { name: string; kind: string } | null {
  if (!label) return null;
  const at = label.indexOf(":");
  const type = at < 0 ? "" : label.slice(0, at);
  const id = at < 0 ? label : label.slice(at + 1);
  if (type === "console-user") return { name: id, kind: "console user" };
  if (type === "access-key") return { name: id, kind: "access key" };
  if (type === "system") return { name: "Nimbus", kind: "system" };
  return { name: id, kind: type || "unknown" };
}
