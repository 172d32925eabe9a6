"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Alert } from "../../_components/alert";
import { Button } from "../../_components/button";
import { FormField } from "../../_components/form-field";
import { useTRPC } from "../../_trpc/client";
import { errorMessage, fieldErrors } from "../../_trpc/errors";

/** Changing the password ends the account's other sessions; the second button ends all of them. */
export function AccountSecurity({ hasPassword }: { hasPassword: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [values, setValues] = useState({ currentPassword: "", newPassword: "" });
  const change = useMutation(
    trpc.user.changePassword.mutationOptions({ onSuccess: () => setValues({ currentPassword: "", newPassword: "" }) }),
  );
  const everywhere = useMutation(
    trpc.user.signOutEverywhere.mutationOptions({
      onSuccess: () => {
        router.push("/sign-in");
        router.refresh();
      },
    }),
  );
  const errors = fieldErrors(change.error);

  function submit(event: FormEvent) {
    event.preventDefault();
    change.mutate(values);
  }

  return (
    <section aria-labelledby="account-security" className="mt-12 space-y-4">
      <h2 id="account-security" className="text-xl font-semibold">
        Password and devices
      </h2>
      {hasPassword ? (
        <form onSubmit={submit} className="space-y-4" noValidate>
          {change.isSuccess ? (
            <Alert tone="success">
              Password changed.{" "}
              {change.data.endedSessions === 1
                ? "1 other device was signed out."
                : `${change.data.endedSessions} other devices were signed out.`}
            </Alert>
          ) : null}
          {change.error ? <Alert>{errorMessage(change.error)}</Alert> : null}
          <FormField
            label="Current password"
            name="currentPassword"
            type="password"
            autoComplete="current-password"
            value={values.currentPassword}
            onChange={(e) => setValues({ ...values, currentPassword: e.target.value })}
            errors={errors.currentPassword}
          />
          <FormField
            label="New password"
            name="newPassword"
            type="password"
            autoComplete="new-password"
            value={values.newPassword}
            onChange={(e) => setValues({ ...values, newPassword: e.target.value })}
            errors={errors.newPassword}
            hint="At least 8 characters, and not one of the most common passwords. Your other devices will be signed out."
          />
          <Button type="submit" disabled={change.isPending}>
            {change.isPending ? "Changing…" : "Change password"}
          </Button>
        </form>
      ) : null}
      <div className="space-y-2">
        <p className="text-sm text-slate-700 dark:text-slate-300">
          Lost a device, or signed in somewhere you should not have? This ends every session of your account, this one included.
        </p>
        {everywhere.error ? <Alert>{errorMessage(everywhere.error)}</Alert> : null}
        <Button type="button" variant="secondary" disabled={everywhere.isPending} onClick={() => everywhere.mutate()}>
          {everywhere.isPending ? "Signing out…" : "Sign out of all devices"}
        </Button>
      </div>
    </section>
  );
}
