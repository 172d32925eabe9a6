import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireViewer } from "@/app/_auth/access";
import { PageHeader } from "@/app/_components/page-header";
import { NoteEditor } from "../../note-editor";

export const metadata: Metadata = { title: "Edit card" };

const ID = /^[A-Za-z0-9_-]{1,64}$/;

export default async function EditNotePage({ params }: { params: Promise<{ noteId: string }> }) {
  const { noteId } = await params;
  if (!ID.test(noteId)) notFound();
  await requireViewer(`/cards/notes/${noteId}`);
  return (
    <div className="space-y-6">
      <PageHeader title="Edit card">Changes keep each card&rsquo;s schedule. Removing a cloze number removes its card.</PageHeader>
      <NoteEditor noteId={noteId} />
    </div>
  );
}
