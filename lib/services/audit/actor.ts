/** Who made a change. Route wrappers build one per request; background work uses the system actor. */
export type ActorType = "console-user" | "access-key" | "system";

export interface Actor {
  type: ActorType;
  /** Username, access key id, or "nimbus" for the system. */
  id: string;
  sourceIp?: string | null;
}

export const SYSTEM_ACTOR: Actor = Object.freeze({ type: "system", id: "nimbus" });

/** Header the server front sets from the socket (overwriting anything a client sent). */
export const SOURCE_IP_HEADER = "x-nimbus-source-ip";
/** Set by the server front to the signed-in user's name (dropped from what clients send). */
export const USER_HEADER = "x-nimbus-user";

/** An actor as one line of text for a row that keeps who did it ("console-user:alice"). */
export const actorLabel = (actor: Actor | undefined): string => {
  const a = actor ?? SYSTEM_ACTOR;
  return `${a.type}:${a.id}`;
};
