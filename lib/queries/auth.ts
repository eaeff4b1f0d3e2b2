/** Client side of console sign-in: the session query and the sign-in/out mutations. */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, setCsrfToken } from "@/lib/http/client";

export interface SessionJson {
  user: { username: string } | null;
  csrfToken: string | null;
  expiresAt: string | null;
  setupRequired?: boolean;
}

export const authKeys = { session: ["auth", "session"] as const };

export function useSession() {
  return useQuery({
    queryKey: authKeys.session,
    queryFn: async () => {
      const s = await api<SessionJson>("/api/auth/session");
      setCsrfToken(s.csrfToken);
      return s;
    },
    staleTime: 60_000,
  });
}

function useSignedIn() {
  const qc = useQueryClient();
  return (s: SessionJson) => {
    setCsrfToken(s.csrfToken);
    qc.setQueryData(authKeys.session, s);
  };
}

export function useLogin() {
  const signedIn = useSignedIn();
  return useMutation({
    mutationFn: (body: { username: string; password: string }) =>
      api<SessionJson>("/api/auth/login", { method: "POST", json: body }),
    onSuccess: signedIn,
  });
}

export function useSetup() {
  const signedIn = useSignedIn();
  return useMutation({
    mutationFn: (body: { username: string; password: string; setupCode: string }) =>
      api<SessionJson>("/api/auth/setup", { method: "POST", json: body }),
    onSuccess: signedIn,
  });
}

export function useLogout() {
  return useMutation({
    mutationFn: () => api<void>("/api/auth/logout", { method: "POST" }),
    onSuccess: () => setCsrfToken(null),
  });
}

export function useChangePassword() {
  return useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) =>
      api<void>("/api/auth/password", { method: "POST", json: body }),
  });
}
