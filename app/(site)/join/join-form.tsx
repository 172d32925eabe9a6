"use client";

import { useActionState } from "react";
import { NICKNAME_MAX_LENGTH } from "@/lib/quiz/nickname";
import { Alert } from "@/app/_components/alert";
import { Button } from "@/app/_components/button";
import { FormField } from "@/app/_components/form-field";
import { joinLiveAction, type JoinFormState } from "./actions";

export function GuestJoinForm({ code, signedInAs }: { code: string; signedInAs: string | null }) {
  const [state, action, pending] = useActionState<JoinFormState, FormData>(joinLiveAction, { values: { code } });
  return (
    <form action={action} className="space-y-4" noValidate>
      {state.error ? <Alert>{state.error}</Alert> : null}
      <FormField
        label="Room code"
        name="code"
        inputMode="numeric"
        autoComplete="off"
        pattern="[0-9 ]*"
        maxLength={7}
        required
        defaultValue={state.values?.code ?? code}
        errors={state.fieldErrors?.code}
        className="block w-full rounded-md border border-slate-300 bg-white px-3 py-3 font-mono text-2xl tracking-widest shadow-sm dark:border-slate-600 dark:bg-slate-900"
      />
      {signedInAs ? (
        <p className="text-sm text-slate-700 dark:text-slate-300">
          You join as <strong>{signedInAs}</strong> and earn XP for the quiz.
        </p>
      ) : (
        <FormField
          label="Nickname"
          name="nickname"
          autoComplete="nickname"
          maxLength={NICKNAME_MAX_LENGTH}
          required
          defaultValue={state.values?.nickname}
          errors={state.fieldErrors?.nickname}
          hint={`Shown on the big screen. At most ${NICKNAME_MAX_LENGTH} characters.`}
        />
      )}
      <Button type="submit" disabled={pending} className="w-full py-3 text-lg">
        {pending ? "Joining…" : "Join"}
      </Button>
    </form>
  );
}
