"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/app/_components/alert";
import { Button } from "@/app/_components/button";
import { FormField } from "@/app/_components/form-field";
import { useTRPC } from "@/app/_trpc/client";
import { errorMessage, fieldErrors } from "@/app/_trpc/errors";

export function JoinForm() {
  const trpc = useTRPC();
  const router = useRouter();
  const [code, setCode] = useState("");
  const join = useMutation(trpc.quiz.live.join.mutationOptions({ onSuccess: (joined) => router.push(`/live/${joined.code}`) }));
  const errors = fieldErrors(join.error).code;
  return (
    <form
      className="max-w-sm space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        join.mutate({ code: code.replace(/\s+/g, "") });
      }}
    >
      {join.error && !errors ? <Alert>{errorMessage(join.error)}</Alert> : null}
      <FormField
        label="Room code"
        name="code"
        inputMode="numeric"
        autoComplete="off"
        maxLength={7}
        required
        value={code}
        errors={errors}
        onChange={(event) => setCode(event.target.value)}
      />
      <Button type="submit" disabled={join.isPending}>
        {join.isPending ? "Joining…" : "Join"}
      </Button>
    </form>
  );
}
