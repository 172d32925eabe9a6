import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { getViewer } from "@/server/auth/viewer";
import { guestFromHeaders } from "@/server/quiz/live-guest";
import { LivePlayer } from "./live-player";

export const metadata: Metadata = { title: "Live quiz" };

export default async function LivePlayerPage({ params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  if (!/^\d{6}$/.test(code)) notFound();
  // A guest holds the room's cookie; a signed-in learner joins as themselves; anyone else picks a nickname first.
  const guest = guestFromHeaders(await headers(), code);
  const viewer = guest ? null : await getViewer();
  if (!guest && !viewer) redirect(`/join?code=${code}`);
  return <LivePlayer code={code} signedIn={Boolean(viewer)} />;
}
