import type { Metadata } from "next";
import { requireViewer } from "@/app/_auth/access";
import { PageHeader } from "@/app/_components/page-header";
import { TypingGame } from "./typing-game";

export const metadata: Metadata = { title: "Typing speed" };

export default async function TypingPage() {
  await requireViewer("/games/typing");
  return (
    <div>
      <PageHeader title="Typing speed">Timed tests of 15, 30 or 60 seconds, or a set number of words with no clock. Scores follow Monkeytype&apos;s definitions and are computed on the server from your keystrokes.</PageHeader>
      <TypingGame />
    </div>
  );
}
