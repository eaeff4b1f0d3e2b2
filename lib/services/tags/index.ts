export { tagFunction } from "@/lib/services/tags/tag";
export { untagFunction } from "@/lib/services/tags/untag";
export { replaceTags } from "@/lib/services/tags/replace";
export { MAX_TAGS, tags, tagsOf, type Tags } from "@/lib/services/tags/schemas";
