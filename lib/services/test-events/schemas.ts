/** Validation for saved test events: name and payload rules, and the create and update inputs. */
import { z } from "zod";
import { isJsonText } from "@/lib/services/validate";

export const testEventName = z
  .string()
  .trim()
  .min(1, "Event name is required")
  .max(64, "Event name must be at most 64 characters")
  .regex(/^[a-zA-Z0-9 _.-]+$/, "Event name may contain letters, digits, spaces, -, _ and .");

/** The event as JSON text: it must parse, and stays within the 1 MB asynchronous payload limit. */
export const testEventPayload = z
  .string()
  .max(1024 * 1024, "The event must be at most 1 MB")
  .refine(isJsonText, "The event must be valid JSON");

export const createTestEventInput = z.object({ name: testEventName, payload: testEventPayload });
export type CreateTestEventInput = z.input<typeof createTestEventInput>;

export const updateTestEventInput = z.object({ name: testEventName.optional(), payload: testEventPayload.optional() });
export type UpdateTestEventInput = z.input<typeof updateTestEventInput>;
