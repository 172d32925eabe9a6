import type { Metadata } from "next";
import { requireViewer } from "@/app/_auth/access";
import { PageHeader } from "@/app/_components/page-header";
import { CardBrowser } from "./card-browser";

export const metadata: Metadata = { title: "My cards" };

const ID = /^[A-Za-z0-9_-]{1,64}$/;

export default async function MyCardsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const deckId = typeof params.deck === "string" && ID.test(params.deck) ? params.deck : undefined;
  await requireViewer(deckId ? `/cards?deck=${deckId}` : "/cards");
  return (
    <div className="space-y-6">
      <PageHeader title="My cards">Every card in your collection — from your courses and your own decks. Search, filter, suspend, edit, or learn a deck.</PageHeader>
      <CardBrowser initialDeckId={deckId} />
    </div>
  );
}
