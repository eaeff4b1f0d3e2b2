/** A live console session as the server sees it (the token is only ever in the cookie). */
export interface SessionRecord {
  id: string;
  userId: string;
  username: string;
  csrfToken: string;
  createdAt: Date;
  lastSeenAt: Date;
  /** The absolute end; the session also ends after the idle timeout. */
  expiresAt: Date;
}

export type SessionSettings = { NIMBUS_SESSION_IDLE_MINUTES: number; NIMBUS_SESSION_MAX_HOURS: number };

/** When the session ends if nothing happens: the idle end, capped by the absolute end. */
export function endsAt(s: Pick<SessionRecord, "lastSeenAt" | "expiresAt">, settings: SessionSettings): Date {
  return new Date(
    Math.min(s.expiresAt.getTime(), s.lastSeenAt.getTime() + settings.NIMBUS_SESSION_IDLE_MINUTES * 60_000),
  );
}
