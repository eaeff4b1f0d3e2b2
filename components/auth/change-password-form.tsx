"use client";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import { ApiError } from "@/lib/http/client";
import { useChangePassword, useSession } from "@/lib/queries/auth";

export function ChangePasswordForm() {
  const toast = useToast();
  const session = useSession();
  const change = useChangePassword();
  const [currentPassword, setCurrent] = useState("");
  const [newPassword, setNew] = useState("");
  const [confirm, setConfirm] = useState("");
  const [touched, setTouched] = useState(false);
  const [error, setError] = useState<{ message: string; field?: string } | null>(null);
  const tooShort = newPassword.length < 8 ? "Use at least 8 characters." : null;
  const mismatch = confirm !== newPassword ? "The passwords do not match." : null;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (tooShort || mismatch || !currentPassword) return;
    setError(null);
    change.mutate(
      { currentPassword, newPassword },
      {
        onSuccess: () => {
          toast("success", "Password changed. Your other sessions were signed out.");
          setCurrent("");
          setNew("");
          setConfirm("");
          setTouched(false);
        },
        onError: (err) =>
          setError(
            err instanceof ApiError
              ? { message: err.message, field: err.field }
              : { message: "Could not change the password." },
          ),
      },
    );
  };

  return (
    <form onSubmit={submit} className="max-w-md space-y-4" noValidate>
      <h1 className="text-2xl font-semibold">Change password</h1>
      {session.data?.user ? (
        <p className="text-sm text-slate-500 dark:text-slate-400">
          Signed in as {session.data.user.username}. Changing the password signs out your other sessions.
        </p>
      ) : null}
      <Field
        label="Current password"
        name="currentPassword"
        type="password"
        autoComplete="current-password"
        value={currentPassword}
        onChange={(e) => setCurrent(e.target.value)}
        error={
          error?.field === "currentPassword"
            ? error.message
            : touched && !currentPassword
              ? "Enter your current password."
              : null
        }
      />
      <Field
        label="New password"
        name="newPassword"
        type="password"
        autoComplete="new-password"
        value={newPassword}
        onChange={(e) => setNew(e.target.value)}
        error={touched ? tooShort : error?.field === "newPassword" ? error.message : null}
        hint="At least 8 characters."
      />
      <Field
        label="Confirm new password"
        name="confirm"
        type="password"
        autoComplete="new-password"
        value={confirm}
        onChange={(e) => setConfirm(e.target.value)}
        error={touched ? mismatch : null}
      />
      {error && error.field !== "currentPassword" && error.field !== "newPassword" ? (
        <p role="alert" className="text-sm text-red-600 dark:text-red-400">
          {error.message}
        </p>
      ) : null}
      <Button type="submit" variant="primary" disabled={change.isPending}>
        {change.isPending ? "Saving…" : "Change password"}
      </Button>
    </form>
  );
}
