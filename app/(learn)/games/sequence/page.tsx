import type { Metadata } from "next";
import { requireViewer } from "@/app/_auth/access";
import { PageHeader } from "@/app/_components/page-header";
import { SequenceGame } from "./sequence-game";

export const metadata: Metadata = { title: "Sequence" };

export default async function SequencePage() {
  await requireViewer("/games/sequence");
  return (
    <div>
      <PageHeader title="Sequence">Watch the tiles light up (each is also named aloud for screen readers), then repeat them. The sequence grows by one each round; there is no clock.</PageHeader>
      <SequenceGame />
    </div>
  );
}
