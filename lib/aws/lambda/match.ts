/**
 * Path patterns of a route table (`/2015-03-31/functions/{FunctionName}/configuration`),
 * compiled once; a match gives the route and its parameters, percent-decoded.
 */
import { invalid } from "@/lib/errors";

export interface Pattern {
  method: string;
  path: string;
}

interface Compiled<R> {
  route: R;
  method: string;
  regex: RegExp;
  names: string[];
}

export class RouteTable<R extends Pattern> {
  private readonly compiled: Compiled<R>[];

  constructor(readonly routes: readonly R[]) {
    this.compiled = routes.map((route) => {
      const names: string[] = [];
      const source = route.path.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{(\w+)\}/g, (_m, name: string) => {
        names.push(name);
        return "([^/]+)";
      });
      return { route, method: route.method, regex: new RegExp(`^${source}$`), names };
    });
  }

  /** The route for this method and (undecoded) path, or null. */
  match(method: string, rawPath: string): { route: R; params: Record<string, string> } | null {
    // Empty segments do not count (a trailing or doubled slash), as AWS's front ends treat them.
    const path =
      rawPath.includes("//") || (rawPath.length > 1 && rawPath.endsWith("/"))
        ? `/${rawPath.split("/").filter(Boolean).join("/")}`
        : rawPath;
    for (const c of this.compiled) {
      if (c.method !== method) continue;
      const m = c.regex.exec(path);
      if (!m) continue;
      const params: Record<string, string> = {};
      c.names.forEach((name, i) => {
        params[name] = decodeSegment(m[i + 1]!);
      });
      return { route: c.route, params };
    }
    return null;
  }
}

function decodeSegment(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    throw invalid("The request path is not valid URL encoding");
  }
}
