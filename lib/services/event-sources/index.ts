export { createMapping } from "@/lib/services/event-sources/create";
export { deleteMapping } from "@/lib/services/event-sources/delete";
export { getMappingOrThrow } from "@/lib/services/event-sources/get";
export { listMappings } from "@/lib/services/event-sources/list";
export { updateMapping } from "@/lib/services/event-sources/update";
export type { MappingRecord } from "@/lib/services/event-sources/record";
