export { publishVersion } from "@/lib/services/versions/publish";
export { listVersions, publishedVersionsOf } from "@/lib/services/versions/list";
export { getFunctionVersion } from "@/lib/services/versions/get";
export { deleteFunctionVersion } from "@/lib/services/versions/delete";
export { isVersionNumber, toVersionRecord } from "@/lib/services/versions/record";
export type { PublishInput } from "@/lib/services/versions/schemas";
