import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireViewer } from "@/app/_auth/access";
import { PageHeader } from "@/app/_components/page-header";
import { LearnSession } from "../../learn-session";

export const metadata: Metadata = { title: "Learn" };

const ID = /^[A-Za-z0-9_-]{1,64}$/;

export default async function LearnPage({ params }: { params: Promise<{ deckId: string }> }) {
  const { deckId } = await params;
  if (!ID.test(deckId)) notFound();
  await requireViewer(`/cards/learn/${deckId}`);
  return (
    <div className="space-y-6">
      <PageHeader title="Learn">
        New cards start as multiple choice (keys 1–4), cards you have begun are typed (Enter to check). Every answer schedules the card, as a review does.
      </PageHeader>
      <LearnSession deckId={deckId} />
    </div>
  );
}
