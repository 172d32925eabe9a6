import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { getServerCaller } from "@/app/_trpc/server";
import { LivePlayer } from "./live-player";

export const metadata: Metadata = { title: "Live quiz" };

export default async function LivePlayerPage({ params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  if (!/^\d{6}$/.test(code)) notFound();
  // A guest holds the room's cookie; a signed-in learner joins as themselves; anyone else picks a nickname first.
  const seat = await (await getServerCaller()).quiz.live.seat({ code });
  if (!seat.guest && !seat.signedIn) redirect(`/join?code=${code}`);
  return <LivePlayer code={code} signedIn={!seat.guest && seat.signedIn} />;
}
