/** Types of scripts/node-support.mjs (plain JavaScript: it must run on any Node, before a build). */
export function nodeSupport(
  version: string,
  today?: Date,
): { supported: boolean; why: string; eol?: string; soon?: boolean };
export function pinnedNode(root: string): { version: string; bin: string | null };
export interface ServerNodeStatus {
  allowed: boolean;
  supported: boolean;
  /** Supported, but within 90 days of its end of life. */
  soon: boolean;
  /** Its line's end of life (YYYY-MM-DD), when known. */
  endOfLife: string | null;
  line: string;
}
export function serverNodeStatus(root: string, what?: string): ServerNodeStatus;
export function requireSupportedNode(root: string, what: string, opts?: { print?: boolean }): void;
