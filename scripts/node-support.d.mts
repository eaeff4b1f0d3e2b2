/** Types of scripts/node-support.mjs (plain JavaScript: it must run on any Node, before a build). */
export function nodeSupport(version: string, today?: Date): { supported: boolean; why: string };
export function pinnedNode(root: string): { version: string; bin: string | null };
export function serverNodeStatus(root: string, what?: string): { allowed: boolean; supported: boolean; line: string };
export function requireSupportedNode(root: string, what: string, opts?: { print?: boolean }): void;
