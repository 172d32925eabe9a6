import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireViewer } from "@/app/_auth/access";
import { LivePlayer } from "./live-player";

export const metadata: Metadata = { title: "Live quiz" };

export default async function LivePlayerPage({ params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  if (!/^\d{6}$/.test(code)) notFound();
  const viewer = await requireViewer(`/live/${code}`);
  return <LivePlayer code={code} name={viewer.name} />;
}
