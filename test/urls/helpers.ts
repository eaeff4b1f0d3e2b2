/** Requests to function URLs, as an HTTP client sends them (host form with a Host header, or path form). */
import http from "node:http";

export interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** Any request to the server at `port`, with the Host header and target given as they are. */
export function httpRequest(
  port: number,
  o: {
    method?: string;
    host: string;
    target: string;
    headers?: Record<string, string | string[]>;
    body?: string | Buffer;
  },
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const body = o.body === undefined ? undefined : typeof o.body === "string" ? Buffer.from(o.body) : o.body;
    const req = http.request(
      {
        host: "127.0.0.1",
        port,
        method: o.method ?? "GET",
        path: o.target,
        headers: { host: o.host, ...(body ? { "content-length": String(body.length) } : {}), ...o.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }),
        );
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

/** The url id and host of a FunctionUrl (http://<id>.lambda-url.<region>.localhost:<port>/). */
export function urlParts(functionUrl: string): { urlId: string; host: string } {
  const u = new URL(functionUrl);
  return { urlId: u.hostname.split(".")[0]!, host: u.host };
}
