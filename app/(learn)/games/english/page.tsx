import type { Metadata } from "next";
import { requireViewer } from "@/app/_auth/access";
import { PageHeader } from "@/app/_components/page-header";
import { EnglishGame } from "./english-game";

export const metadata: Metadata = { title: "English skills" };

export default async function EnglishPage() {
  await requireViewer("/games/english");
  return (
    <div>
      <PageHeader title="English skills">Spelling (hear the word or read its meaning), vocabulary, word scrambles and grammar, from a word list banded by how common words are. No clock.</PageHeader>
      <EnglishGame />
    </div>
  );
}
