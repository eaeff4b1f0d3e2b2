/** Client side of versions: query keys, typed fetchers and hooks (React Query). */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/http/client";
import type { FunctionRecord } from "@/lib/services/functions";
import type { VersionFile, VersionFiles, VersionList, VersionSummary } from "@/lib/services/versions";
import type { Json } from "@/lib/queries/json";

export type VersionJson = Json<VersionSummary>;
export type VersionListJson = Omit<VersionList, "items"> & { items: VersionJson[] };
export type VersionFilesJson = VersionFiles;
export type VersionFileJson = VersionFile;
export type PublishResultJson = { created: boolean; version: Json<FunctionRecord> };

const enc = encodeURIComponent;
// "$LATEST" and version numbers are path-safe as they are.
const versionPath = (name: string, version: string) => `/api/functions/${enc(name)}/versions/${version}`;

export const versionKeys = {
  all: ["versions"] as const,
  list: (fn: string) => [...versionKeys.all, "list", fn] as const,
  files: (fn: string, version: string, codeSha256?: string) =>
    [...versionKeys.all, "files", fn, version, ...(codeSha256 ? [codeSha256] : [])] as const,
};

export function useVersions(name: string) {
  return useQuery({
    queryKey: versionKeys.list(name),
    queryFn: () => api<VersionListJson>(`/api/functions/${enc(name)}/versions`),
    // $LATEST may have changed in another tab of the page: read it afresh each time the tab opens.
    refetchOnMount: "always",
  });
}

/** A version's files, by the package they come from: the same name and number can mean new code only
 * after the function was deleted and made again, and $LATEST's key changes with each deploy. */
export function useVersionFiles(name: string, version: string | null, codeSha256: string) {
  return useQuery({
    queryKey: versionKeys.files(name, version ?? "", codeSha256),
    queryFn: () => api<VersionFilesJson>(`${versionPath(name, version!)}/code`),
    enabled: version !== null,
    staleTime: Infinity,
  });
}

export function usePublishVersion(name: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { description?: string; codeSha256?: string }) =>
      api<PublishResultJson>(`/api/functions/${enc(name)}/versions`, { method: "POST", json: body }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: versionKeys.list(name) });
      void qc.invalidateQueries({ queryKey: ["audit"] });
    },
  });
}

export function useDeleteVersion(name: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (version: string) => api<void>(versionPath(name, version), { method: "DELETE" }),
    onSuccess: (_, version) => {
      qc.removeQueries({ queryKey: versionKeys.files(name, version) });
      void qc.invalidateQueries({ queryKey: versionKeys.list(name) });
      void qc.invalidateQueries({ queryKey: ["audit"] });
    },
  });
}
