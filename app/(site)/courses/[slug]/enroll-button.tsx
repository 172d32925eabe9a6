"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { Alert } from "@/app/_components/alert";
import { Button } from "@/app/_components/button";
import { useTRPC } from "@/app/_trpc/client";
import { errorMessage } from "@/app/_trpc/errors";

/** Enroll, and once enrolled: the way into the course first ("Start lesson 1" / "Continue"), leaving second. */
export function EnrollButton({ courseSlug, enrolled, start = null }: { courseSlug: string; enrolled: boolean; start?: { href: string; label: string } | null }) {
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
        <div className="flex flex-wrap items-center gap-3">
          {start ? (
            <Link href={start.href} className="inline-block rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700">
              {start.label}
            </Link>
          ) : null}
          <Button variant="secondary" disabled={leave.isPending} onClick={() => leave.mutate({ courseSlug })}>
            {leave.isPending ? "Leaving…" : "Leave course"}
          </Button>
        </div>
      ) : (
        <Button disabled={enroll.isPending} onClick={() => enroll.mutate({ courseSlug })}>
          {enroll.isPending ? "Enrolling…" : "Enroll"}
        </Button>
      )}
    </div>
  );
}
