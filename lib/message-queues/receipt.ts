/**
 * Receipt handles: which message, and which receive of it. A handle names the message's row and
 * the token its latest receive set; deleting or changing visibility needs both to match, so a
 * handle from an earlier receive (the message was received again since) changes nothing.
 */
export interface Receipt {
  seq: string;
  token: string;
}

const TOKEN = /^[0-9a-f]{32}$/;

export function encodeReceipt(seq: string, token: string): string {
  return Buffer.from(`${seq}:${token.replaceAll("-", "")}`).toString("base64url");
}

/** The receipt a handle carries, or null when it is not one this server handed out. */
export function decodeReceipt(handle: string): Receipt | null {
  if (typeof handle !== "string" || handle.length > 128) return null;
  const text = Buffer.from(handle, "base64url").toString("latin1");
  const [seq, hex] = text.split(":");
  if (!seq || !/^\d{1,19}$/.test(seq) || !hex || !TOKEN.test(hex)) return null;
  const token = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  return { seq, token };
}

/** The receipt of a handle this server's own receive just handed out (a poller's batch). */
export function receiptOf(handle: string): Receipt {
  const r = decodeReceipt(handle);
  if (!r) throw new Error(`not a receipt handle of this server: ${handle.slice(0, 40)}`);
  return r;
}
