export { publishVersion } from "@/lib/services/versions/publish";
export { listVersions, publishedVersionsOf } from "@/lib/services/versions/list";
export { browseVersions, type VersionList, type VersionSummary } from "@/lib/services/versions/browse";
export { getFunctionVersion } from "@/lib/services/versions/get";
export { getVersionFiles, type VersionFile, type VersionFiles } from "@/lib/services/versions/files";
export { deleteFunctionVersion } from "@/lib/services/versions/delete";
export { isVersionNumber, toVersionRecord } from "@/lib/services/versions/record";
export type { PublishInput } from "@/lib/services/versions/schemas";
