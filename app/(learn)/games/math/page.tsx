import type { Metadata } from "next";
import { requireViewer } from "@/app/_auth/access";
import { PageHeader } from "@/app/_components/page-header";
import { MathGame } from "./math-game";

export const metadata: Metadata = { title: "Math fluency" };

export default async function MathPage() {
  await requireViewer("/games/math");
  return (
    <div>
      <PageHeader title="Math fluency">A 60-second sprint or untimed practice. Three right answers in a row step the difficulty up; facts you miss or answer slowly come back sooner next time.</PageHeader>
      <MathGame />
    </div>
  );
}
