import type { Metadata } from "next";
import Link from "next/link";
import { requireViewer } from "@/app/_auth/access";
import { PageHeader } from "@/app/_components/page-header";
import { ReviewSession } from "./review-session";

export const metadata: Metadata = { title: "Review" };

const COURSE_SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export default async function ReviewPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const courseSlug = typeof params.course === "string" && COURSE_SLUG.test(params.course) ? params.course : undefined;
  const viewer = await requireViewer(courseSlug ? `/review?course=${courseSlug}` : "/review");
  return (
    <div className="space-y-6">
      <PageHeader title="Review">Your flashcards, each scheduled for the day you are about to forget it.</PageHeader>
      <nav aria-label="Review" className="flex flex-wrap gap-4 text-sm">
        <Link href="/review/stats" className="text-brand-600 underline underline-offset-2 dark:text-brand-100">Statistics</Link>
        <Link href="/settings#review-settings" className="text-brand-600 underline underline-offset-2 dark:text-brand-100">Review settings</Link>
        {courseSlug ? <Link href="/review" className="text-brand-600 underline underline-offset-2 dark:text-brand-100">All courses</Link> : null}
      </nav>
      <ReviewSession courseSlug={courseSlug} timeZone={viewer.timezone} />
    </div>
  );
}
