"use client";

import { useActionState, useSyncExternalStore } from "react";
import { PASSWORD_MIN_LENGTH } from "@/lib/auth/schemas";
import { detectTimeZone } from "@/lib/time/timezone";
import { Alert } from "@/app/_components/alert";
import { Button } from "@/app/_components/button";
import { FormField } from "@/app/_components/form-field";
import { signUpAction, type AuthFormState } from "../actions";

const subscribeToNothing = () => () => {};

export function SignUpForm() {
  const [state, action, pending] = useActionState<AuthFormState, FormData>(signUpAction, {});
  // The browser's zone once hydrated; the server renders UTC, which the first client render replaces.
  const timezone = useSyncExternalStore(subscribeToNothing, detectTimeZone, () => "UTC");
  return (
    <form action={action} className="space-y-4" noValidate>
      {state.error ? <Alert>{state.error}</Alert> : null}
      <input type="hidden" name="timezone" value={timezone} />
      <FormField label="Display name" name="name" autoComplete="nickname" required maxLength={60} defaultValue={state.values?.name} errors={state.fieldErrors?.name} hint="Shown on leaderboards and to your instructors." />
      <FormField label="Email" name="email" type="email" autoComplete="email" required defaultValue={state.values?.email} errors={state.fieldErrors?.email} />
      <FormField label="Password" name="password" type="password" autoComplete="new-password" required minLength={PASSWORD_MIN_LENGTH} errors={state.fieldErrors?.password} hint={`At least ${PASSWORD_MIN_LENGTH} characters.`} />
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? "Creating your account…" : "Create account"}
      </Button>
    </form>
  );
}
