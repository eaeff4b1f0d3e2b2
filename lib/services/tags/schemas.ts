/** A function's tags, with Lambda's limits: at most 50; keys 1–128 characters, values up to 256. */
import { z } from "zod";

export const MAX_TAGS = 50;

export const tagKey = z
  .string({ error: "Tag keys must be strings" })
  .min(1, "Tag keys must be 1 to 128 characters")
  .max(128, "Tag keys must be 1 to 128 characters")
  .refine((k) => !k.toLowerCase().startsWith("aws:"), "Tag keys starting with aws: are reserved");

export const tagValue = z
  .string({ error: "Tag values must be strings" })
  .max(256, "Tag values must be at most 256 characters");

export const tags = z
  .record(z.string(), tagValue, { error: "Tags must be an object of key → value strings" })
  .superRefine((t, ctx) => {
    if (Object.keys(t).length > MAX_TAGS)
      ctx.addIssue({ code: "custom", message: `A function can have at most ${MAX_TAGS} tags` });
    for (const key of Object.keys(t)) {
      const r = tagKey.safeParse(key);
      if (!r.success) ctx.addIssue({ code: "custom", message: `${r.error.issues[0]!.message}: ${key.slice(0, 40)}` });
    }
  });

export const tagKeys = z.array(tagKey, { error: "TagKeys must be a list of keys" }).min(1, "Give at least one tag key");

export type Tags = Record<string, string>;

/** Tags as stored (jsonb): anything that is not a string pair is left out. */
export function tagsOf(stored: unknown): Tags {
  if (stored === null || typeof stored !== "object" || Array.isArray(stored)) return {};
  return Object.fromEntries(Object.entries(stored).filter(([, v]) => typeof v === "string")) as Tags;
}
