"use client";
import { useSearchParams } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { ApiError } from "@/lib/http/client";
import { safeNext } from "@/lib/auth/next-path";
import { useLogin } from "@/lib/queries/auth";
import { AuthCard, FormError } from "@/components/auth/auth-card";

export function LoginForm() {
  const next = safeNext(useSearchParams().get("next"));
  const login = useLogin();
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    login.mutate(
      { username, password },
      {
        // A full load, not router.replace: the router cached its anonymous prefetches of
        // the header links (redirects to /login) and would follow them again.
        onSuccess: () => window.location.replace(next),
        onError: (err) => {
          setPassword("");
          setError(err instanceof ApiError ? err.message : "Could not sign in. Try again.");
        },
      },
    );
  };

  return (
    <AuthCard title="Sign in to Nimbus">
      <form onSubmit={submit} className="space-y-4">
        <Field
          label="Username"
          name="username"
          autoComplete="username"
          autoFocus
          required
          value={username}
          onChange={(e) => setUsername(e.target.value)}
        />
        <Field
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <FormError message={error} />
        <Button type="submit" variant="primary" className="w-full" disabled={login.isPending || !username || !password}>
          {login.isPending ? "Signing in…" : "Sign in"}
        </Button>
      </form>
    </AuthCard>
  );
}
