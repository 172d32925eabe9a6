"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { DAILY_GOAL_CHOICES, type ProfileInput } from "@/lib/auth/schemas";
import { detectTimeZone } from "@/lib/time/timezone";
import { Alert } from "@/app/_components/alert";
import { Button } from "@/app/_components/button";
import { FormField } from "@/app/_components/form-field";
import { useTRPC } from "@/app/_trpc/client";
import { errorMessage, fieldErrors } from "@/app/_trpc/errors";

export function ProfileForm({ initial }: { initial: ProfileInput }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [values, setValues] = useState(initial);
  const update = useMutation(trpc.user.updateProfile.mutationOptions({ onSuccess: () => router.refresh() }));
  const errors = fieldErrors(update.error);

  function submit(event: FormEvent) {
    event.preventDefault();
    update.mutate(values);
  }

  return (
    <form onSubmit={submit} className="space-y-5" noValidate>
      {update.isSuccess ? <Alert tone="success">Saved.</Alert> : null}
      {update.error ? <Alert>{errorMessage(update.error)}</Alert> : null}
      <FormField label="Display name" name="name" value={values.name} maxLength={60} onChange={(e) => setValues({ ...values, name: e.target.value })} errors={errors.name} />
      <div className="space-y-2">
        <FormField label="Time zone" name="timezone" value={values.timezone} onChange={(e) => setValues({ ...values, timezone: e.target.value })} errors={errors.timezone} hint="An IANA name such as Europe/Paris or America/New_York." />
        <Button type="button" variant="secondary" onClick={() => setValues({ ...values, timezone: detectTimeZone() })}>
          Use this device&apos;s time zone
        </Button>
      </div>
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium">Daily goal</legend>
        <div className="flex flex-wrap gap-3">
          {DAILY_GOAL_CHOICES.map((goal) => (
            <label key={goal} className="flex items-center gap-2 rounded-md border border-slate-300 px-3 py-2 text-sm dark:border-slate-600">
              <input type="radio" name="dailyGoalXp" value={goal} checked={values.dailyGoalXp === goal} onChange={() => setValues({ ...values, dailyGoalXp: goal })} />
              {goal} XP
            </label>
          ))}
        </div>
        {errors.dailyGoalXp ? <p className="text-sm text-red-700 dark:text-red-400">{errors.dailyGoalXp.join(" ")}</p> : null}
      </fieldset>
      <Button type="submit" disabled={update.isPending}>
        {update.isPending ? "Saving…" : "Save profile"}
      </Button>
    </form>
  );
}
