/**
 * Where a function URL request is addressed. Two forms reach the same URL:
 *  - the host form, as AWS has it: `<url-id>.lambda-url.<region>.<NIMBUS_URL_DOMAIN>` (the default
 *    domain, `localhost`, needs no DNS: browsers and curl resolve `*.localhost` to loopback);
 *  - the path form, for setups without wildcard DNS: `/lambda-url/<url-id>/…`.
 * FunctionUrl reports the host form (lib/aws/function-url.ts writes it).
 */

export interface UrlAddress {
  urlId: string;
  /** How it was addressed: the path form shares the console's origin, so its answers are confined. */
  form: "host" | "path";
  /** The request path as the function sees it (rawPath), always starting with "/". */
  path: string;
  /** The query string without "?" (rawQueryString). */
  query: string;
}

const HOST_FORM = /^([a-z0-9]{32})\.lambda-url\./;
const PATH_PREFIX = "/lambda-url/";

/** The URL request a request is, or null when it is not one (cheap: checked on every request). */
export function urlAddressOf(url: string, host: string | undefined): UrlAddress | null {
  if (host && host.length > 44 && host.charCodeAt(32) === 46) {
    const m = HOST_FORM.exec(host.toLowerCase());
    if (m) return split(m[1]!, url, "host");
  }
  if (url.startsWith(PATH_PREFIX)) {
    const id = url.slice(PATH_PREFIX.length, PATH_PREFIX.length + 32);
    const next = url.charAt(PATH_PREFIX.length + 32);
    if (/^[a-z0-9]{32}$/.test(id) && (next === "" || next === "/" || next === "?")) {
      const rest = url.slice(PATH_PREFIX.length + 32);
      return split(id, rest.startsWith("/") ? rest : `/${rest}`, "path");
    }
  }
  return null;
}

function split(urlId: string, target: string, form: UrlAddress["form"]): UrlAddress {
  const q = target.indexOf("?");
  const path = q < 0 ? target : target.slice(0, q);
  return { urlId, form, path: path || "/", query: q < 0 ? "" : target.slice(q + 1) };
}
