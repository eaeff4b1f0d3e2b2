/**
 * FunctionUrl as the Lambda API reports it: AWS's host form, https://<url-id>.lambda-url.<region>.on.aws/,
 * becomes <scheme>://<url-id>.lambda-url.<region>.<NIMBUS_URL_DOMAIN>[:port]/. The server front
 * also answers the path form, /lambda-url/<url-id>/ (lib/url/address.ts).
 */

export interface UrlSettings {
  NIMBUS_REGION: string;
  NIMBUS_URL_DOMAIN: string;
  /** The scheme and port clients reach Nimbus on (a proxy in front may change both). */
  NIMBUS_URL_SCHEME: "http" | "https";
  NIMBUS_URL_PORT: number;
}

/** The host name of a URL id (without the port). */
export function urlHost(urlId: string, s: Pick<UrlSettings, "NIMBUS_REGION" | "NIMBUS_URL_DOMAIN">): string {
  return `${urlId}.lambda-url.${s.NIMBUS_REGION}.${s.NIMBUS_URL_DOMAIN}`;
}

/** FunctionUrl as the API reports it: the host form, with the port unless it is the scheme's own. */
export function functionUrlOf(urlId: string, s: UrlSettings): string {
  const defaultPort = s.NIMBUS_URL_SCHEME === "https" ? 443 : 80;
  const port = s.NIMBUS_URL_PORT === defaultPort ? "" : `:${s.NIMBUS_URL_PORT}`;
  return `${s.NIMBUS_URL_SCHEME}://${urlHost(urlId, s)}${port}/`;
}
