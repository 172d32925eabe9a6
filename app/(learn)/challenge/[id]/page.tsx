import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireViewer } from "@/app/_auth/access";
import { getServerCaller } from "@/app/_trpc/server";
import { isNotFound } from "@/app/_trpc/not-found";
import { ChallengeView } from "./challenge-view";

export const metadata: Metadata = { title: "Quiz challenge" };

export default async function ChallengePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requireViewer(`/challenge/${encodeURIComponent(id)}`);
  const caller = await getServerCaller();
  let challenge;
  try {
    challenge = await caller.quiz.challenge.get({ challengeId: id });
  } catch (error) {
    // A malformed link reads as a missing one.
    if (isNotFound(error) || (error instanceof TRPCError && error.code === "BAD_REQUEST")) notFound();
    throw error;
  }
  return <ChallengeView initial={challenge} />;
}
