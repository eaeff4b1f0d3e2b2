import { randomInt } from "node:crypto";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

// No 0/O, 1/I/L: the code is read off a terminal and typed by hand.
const ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

/** 12 characters from 31 (≈59 bits): far beyond guessing over HTTP in the time setup stays open. */
export function newSetupCode(): string {
  const chars = Array.from({ length: 12 }, () => ALPHABET[randomInt(ALPHABET.length)]);
  return `${chars.slice(0, 4).join("")}-${chars.slice(4, 8).join("")}-${chars.slice(8).join("")}`;
}

export const setupCodePath = (dataDir: string) => path.join(dataDir, "setup-code");

/** Written 0600 so only the server's user (whoever can read its log) can learn it. */
export function writeSetupCode(dataDir: string, code: string): string {
  mkdirSync(dataDir, { recursive: true });
  const file = setupCodePath(dataDir);
  rmSync(file, { force: true }); // a leftover file may have looser permissions
  writeFileSync(file, code + "\n", { mode: 0o600 });
  return file;
}

export function removeSetupCode(dataDir: string): void {
  rmSync(setupCodePath(dataDir), { force: true });
}
