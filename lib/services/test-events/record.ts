/** A saved test event as callers see it, and the id check shared by the verbs that take one. */
import { notFound } from "@/lib/errors";

export interface TestEventRecord {
  id: string;
  name: string;
  payload: string;
  updatedAt: Date;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Refuses an id that cannot be one (not a UUID) as not found, before any query. */
export const requireTestEventId = (id: string) => {
  if (!UUID.test(id)) throw notFound(`Test event ${id.slice(0, 64)} not found`);
};

/** The row's public fields only. */
export const toTestEventRecord = (r: TestEventRecord): TestEventRecord => ({
  id: r.id,
  name: r.name,
  payload: r.payload,
  updatedAt: r.updatedAt,
});
