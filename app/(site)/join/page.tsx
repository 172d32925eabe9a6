import type { Metadata } from "next";
import { getViewer } from "@/server/auth/viewer";
import { PageHeader } from "@/app/_components/page-header";
import { GuestJoinForm } from "./join-form";

export const metadata: Metadata = { title: "Join a live quiz" };

export default async function JoinPage({ searchParams }: { searchParams: Promise<{ code?: string | string[] }> }) {
  const { code } = await searchParams;
  const viewer = await getViewer();
  const prefilled = typeof code === "string" && /^\d{6}$/.test(code) ? code : "";
  return (
    <div className="mx-auto max-w-md">
      <PageHeader title="Join a live quiz">Enter the six-digit code your host shows, pick a nickname and play on this device. No account needed.</PageHeader>
      <GuestJoinForm code={prefilled} signedInAs={viewer?.name ?? null} />
    </div>
  );
}
