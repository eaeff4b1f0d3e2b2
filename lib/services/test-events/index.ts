/** Saved test events of a function: list, create, update (rename/edit), delete. */
export type { TestEventRecord } from "@/lib/services/test-events/record";
export type { CreateTestEventInput, UpdateTestEventInput } from "@/lib/services/test-events/schemas";
export { listTestEvents } from "@/lib/services/test-events/list";
export { createTestEvent } from "@/lib/services/test-events/create";
export { updateTestEvent } from "@/lib/services/test-events/update";
export { deleteTestEvent } from "@/lib/services/test-events/delete";
