import type { Metadata } from "next";
import { requireViewer } from "@/app/_auth/access";
import { PageHeader } from "@/app/_components/page-header";
import { JoinForm } from "./join-form";

export const metadata: Metadata = { title: "Join a live quiz" };

export default async function LivePage() {
  await requireViewer("/live");
  return (
    <div>
      <PageHeader title="Join a live quiz">Your host shows a six-digit code. Enter it to join; you answer on this device.</PageHeader>
      <JoinForm />
    </div>
  );
}
