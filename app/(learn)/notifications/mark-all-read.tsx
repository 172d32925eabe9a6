"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { Button } from "@/app/_components/button";
import { useTRPC } from "@/app/_trpc/client";

export function MarkAllRead({ unread }: { unread: number }) {
  const trpc = useTRPC();
  const router = useRouter();
  const mark = useMutation(trpc.gamification.markNotificationsRead.mutationOptions({ onSuccess: () => router.refresh() }));
  return (
    <Button variant="secondary" disabled={mark.isPending} onClick={() => mark.mutate({})}>
      {mark.isPending ? "Marking…" : `Mark ${unread} as read`}
    </Button>
  );
}
