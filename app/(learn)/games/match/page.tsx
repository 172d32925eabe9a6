import type { Metadata } from "next";
import { requireViewer } from "@/app/_auth/access";
import { PageHeader } from "@/app/_components/page-header";
import { MatchGame } from "./match-game";

export const metadata: Metadata = { title: "Match pairs" };

export default async function MatchPage() {
  await requireViewer("/games/match");
  return (
    <div>
      <PageHeader title="Match pairs">Pictures and words for young players, words and definitions, or the terms of your own course glossaries. Fewer moves score more.</PageHeader>
      <MatchGame />
    </div>
  );
}
