/** A function URL as the services hand it out, and the URL it is reached at. */
import { randomBytes } from "node:crypto";
import type { AuthType, Cors, InvokeMode } from "@/lib/services/function-urls/schemas";

export interface FunctionUrlRecord {
  functionId: string;
  functionName: string;
  qualifier: string;
  urlId: string;
  authType: AuthType;
  cors: Cors | null;
  invokeMode: InvokeMode;
  createdAt: Date;
  updatedAt: Date;
}

const ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

/** 32 lower-case letters and digits, as Lambda's url ids are. */
export function newUrlId(): string {
  const bytes = randomBytes(32);
  let id = "";
  for (const b of bytes) id += ALPHABET[b % ALPHABET.length];
  return id;
}

type Row = {
  functionId: string;
  qualifier: string;
  urlId: string;
  authType: string;
  cors: unknown;
  invokeMode: string;
  createdAt: Date;
  updatedAt: Date;
};

export function toUrlRecord(row: Row, functionName: string): FunctionUrlRecord {
  return {
    functionId: row.functionId,
    functionName,
    qualifier: row.qualifier,
    urlId: row.urlId,
    authType: row.authType as AuthType,
    cors: (row.cors as Cors | null) ?? null,
    invokeMode: row.invokeMode as InvokeMode,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
