import type { Metadata } from "next";
import Link from "next/link";
import { requireViewer } from "@/app/_auth/access";
import { PageHeader } from "@/app/_components/page-header";
import { NoteEditor } from "../note-editor";

export const metadata: Metadata = { title: "Add a card" };

const ID = /^[A-Za-z0-9_-]{1,64}$/;

export default async function NewCardPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const deckId = typeof params.deck === "string" && ID.test(params.deck) ? params.deck : undefined;
  await requireViewer("/cards/new");
  return (
    <div className="space-y-6">
      <PageHeader title="Add a card">
        Write a basic card or a cloze. <Link href="/cards" className="text-brand-600 underline underline-offset-2 dark:text-brand-100">Back to my cards</Link>
      </PageHeader>
      <NoteEditor initialDeckId={deckId} />
    </div>
  );
}
