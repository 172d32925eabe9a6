"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { RETENTION_MAX, RETENTION_MIN, NEW_CARDS_PER_DAY_MAX } from "@/lib/srs/scheduler";
import { Alert } from "@/app/_components/alert";
import { Button } from "@/app/_components/button";
import { FormField } from "@/app/_components/form-field";
import { useTRPC } from "@/app/_trpc/client";
import { errorMessage, fieldErrors } from "@/app/_trpc/errors";
import { WorkloadChart } from "./workload-chart";

type Values = { desiredRetention: number; newCardsPerDay: number };

/** Desired retention and the daily new-card limit: the two settings of the review scheduler. */
export function ReviewSettingsForm({ initial }: { initial: Values }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [values, setValues] = useState(initial);
  const update = useMutation(
    trpc.review.updateSettings.mutationOptions({
      onSuccess: (saved) => {
        setValues(saved);
        return queryClient.invalidateQueries({ queryKey: trpc.review.pathKey() });
      },
    }),
  );
  const errors = fieldErrors(update.error);
  const percent = Math.round(values.desiredRetention * 100);

  function submit(event: FormEvent) {
    event.preventDefault();
    update.mutate(values);
  }

  return (
    <form onSubmit={submit} className="space-y-5" noValidate aria-labelledby="review-settings">
      {update.isSuccess ? <Alert tone="success">Review settings saved.</Alert> : null}
      {update.error ? <Alert>{errorMessage(update.error)}</Alert> : null}
      <div className="space-y-1">
        <label htmlFor="field-desiredRetention" className="block text-sm font-medium">
          Desired retention: <output htmlFor="field-desiredRetention">{percent}%</output>
        </label>
        <input
          id="field-desiredRetention"
          name="desiredRetention"
          type="range"
          min={RETENTION_MIN}
          max={RETENTION_MAX}
          step={0.01}
          value={values.desiredRetention}
          aria-valuetext={`${percent}%`}
          aria-describedby="retention-hint"
          aria-invalid={errors.desiredRetention?.length ? true : undefined}
          onChange={(event) => setValues({ ...values, desiredRetention: Number(event.target.value) })}
          className="block w-full accent-brand-600"
        />
        <p id="retention-hint" className="text-sm text-slate-600 dark:text-slate-400">
          The chance of remembering a card when it comes due ({Math.round(RETENTION_MIN * 100)}–{Math.round(RETENTION_MAX * 100)}%). Higher means more reviews with shorter intervals; 90% suits most learners.
        </p>
        {errors.desiredRetention ? <p className="text-sm text-red-700 dark:text-red-400">{errors.desiredRetention.join(" ")}</p> : null}
        <WorkloadChart retention={values.desiredRetention} />
      </div>
      <FormField
        label="New cards per day"
        name="newCardsPerDay"
        type="number"
        inputMode="numeric"
        min={0}
        max={NEW_CARDS_PER_DAY_MAX}
        value={Number.isNaN(values.newCardsPerDay) ? "" : values.newCardsPerDay}
        onChange={(event) => setValues({ ...values, newCardsPerDay: event.target.valueAsNumber })}
        errors={errors.newCardsPerDay}
        hint="How many cards you start learning each day; the count resets at midnight in your time zone."
      />
      <Button type="submit" disabled={update.isPending}>
        {update.isPending ? "Saving…" : "Save review settings"}
      </Button>
    </form>
  );
}
