"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { Alert } from "@/app/_components/alert";
import { Button } from "@/app/_components/button";
import { useTRPC } from "@/app/_trpc/client";
import { errorMessage } from "@/app/_trpc/errors";

export function EnrollButton({ courseSlug, enrolled }: { courseSlug: string; enrolled: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const options = { onSuccess: () => router.refresh() };
  const enroll = useMutation(trpc.enrollment.enroll.mutationOptions(options));
  const leave = useMutation(trpc.enrollment.leave.mutationOptions(options));
  const error = enroll.error ?? leave.error;
  return (
    <div className="space-y-2">
      {error ? <Alert>{errorMessage(error)}</Alert> : null}
      {enrolled ? (
        <Button variant="secondary" disabled={leave.isPending} onClick={() => leave.mutate({ courseSlug })}>
          {leave.isPending ? "Leaving…" : "Leave course"}
        </Button>
      ) : (
        <Button disabled={enroll.isPending} onClick={() => enroll.mutate({ courseSlug })}>
          {enroll.isPending ? "Enrolling…" : "Enroll"}
        </Button>
      )}
    </div>
  );
}
