import type { Metadata } from "next";
import { requireViewer } from "../../_components/access";
import { PageHeader } from "../../_components/page-header";

export const metadata: Metadata = { title: "Review" };

export default async function ReviewPage() {
  await requireViewer("/review");
  return (
    <div>
      <PageHeader title="Review">Your flashcards, each scheduled for the day you are about to forget it.</PageHeader>
      <p className="rounded-lg border border-dashed border-slate-300 p-8 text-center text-slate-700 dark:border-slate-700 dark:text-slate-300">
        You have no cards to review. Cards join your collection when you study a lesson.
      </p>
    </div>
  );
}
