/** What the supervisor tells the spawner about one sandbox's network, and the tools used for it. */

export const NET_TOOLS = {
  ip: "/usr/sbin/ip",
  nft: "/usr/sbin/nft",
  pasta: "/usr/bin/pasta",
  nsenter: "/usr/bin/nsenter",
} as const;

export interface NetSpec {
  /** The namespace's name under /run/netns: nimbus-<server pid>-<sandbox>. */
  ns: string;
  /**
   * internet: filtered, through pasta; allow-list: filtered, and only what its resolver answered
   * for allowed names; isolated: an empty namespace (egress none where bubblewrap cannot make one).
   */
  mode: "internet" | "allow-list" | "isolated";
  allow: string[];
  /** Addresses denied besides the fixed ranges and the host's own: the database's. */
  deny: string[];
  /** Extra names the sandbox's resolver answers itself (hosts-file format), if the file exists. */
  hostsFile?: string;
  /** Whose nameservers the resolver forwards to, if the file exists (else /etc/resolv.conf). */
  resolvConf?: string;
  /** Where pasta's pid file goes (a folder only root can write). */
  runDir: string;
}

export const nsPath = (ns: string) => `/run/netns/${ns}`;

/** The namespace name of a sandbox (sbx-<hex>) of the server with this pid. */
export const nsName = (serverPid: number, sandboxId: string) => `nimbus-${serverPid}-${sandboxId.replace(/^sbx-/, "")}`;
