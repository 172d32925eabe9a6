import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireRole } from "@/app/_auth/access";
import { LiveHost } from "./live-host";

export const metadata: Metadata = { title: "Host a live quiz" };

export default async function LiveHostPage({ params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  if (!/^\d{6}$/.test(code)) notFound();
  await requireRole(`/studio/live/${code}`, ["INSTRUCTOR", "ADMIN"]);
  return <LiveHost code={code} />;
}
