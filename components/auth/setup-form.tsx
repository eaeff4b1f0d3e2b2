"use client";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { ApiError } from "@/lib/http/client";
import { useSetup } from "@/lib/queries/auth";
import { AuthCard, FormError } from "@/components/auth/auth-card";

export function SetupForm() {
  const setup = useSetup();
  const [setupCode, setSetupCode] = useState("");
  const [username, setUsername] = useState("admin");
  const [password, setPassword] = useState("");
  const [confirm, setConfirm] = useState("");
  const [touched, setTouched] = useState(false);
  const [error, setError] = useState<{ message: string; field?: string } | null>(null);
  const tooShort = password.length < 8 ? "Use at least 8 characters." : null;
  const mismatch = confirm !== password ? "The passwords do not match." : null;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (tooShort || mismatch) return;
    setError(null);
    setup.mutate(
      { setupCode, username, password },
      {
        onSuccess: () => window.location.replace("/"), // a full load, as after sign-in (login-form.tsx)
        onError: (err) =>
          setError(
            err instanceof ApiError
              ? { message: err.message, field: err.field }
              : { message: "Setup failed. Try again." },
          ),
      },
    );
  };

  return (
    <AuthCard
      title="Set up Nimbus"
      intro={
        <>
          Create the first console user. The setup code is in the server log and in the file{" "}
          <code className="font-mono">setup-code</code> in the data folder.
        </>
      }
    >
      <form onSubmit={submit} className="space-y-4" noValidate>
        <Field
          label="Setup code"
          name="setupCode"
          autoComplete="off"
          autoFocus
          placeholder="XXXX-XXXX-XXXX"
          value={setupCode}
          onChange={(e) => setSetupCode(e.target.value)}
          error={error?.field === "setupCode" ? error.message : null}
        />
        <Field
          label="Username"
          name="username"
          autoComplete="username"
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          error={error?.field === "username" ? error.message : null}
        />
        <Field
          label="Password"
          name="password"
          type="password"
          autoComplete="new-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={touched ? tooShort : null}
          hint="At least 8 characters."
        />
        <Field
          label="Confirm password"
          name="confirm"
          type="password"
          autoComplete="new-password"
          value={confirm}
          onChange={(e) => setConfirm(e.target.value)}
          error={touched ? mismatch : null}
        />
        <FormError
          message={error && error.field !== "setupCode" && error.field !== "username" ? error.message : null}
        />
        <Button type="submit" variant="primary" className="w-full" disabled={setup.isPending || !setupCode}>
          {setup.isPending ? "Creating…" : "Create user and sign in"}
        </Button>
      </form>
    </AuthCard>
  );
}
