"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { slugifyKey } from "@/lib/content/keys";
import { LEVELS } from "@/lib/content/schema";
import { Alert } from "@/app/_components/alert";
import { Button } from "@/app/_components/button";
import { useTRPC } from "@/app/_trpc/client";
import { errorMessage } from "@/app/_trpc/errors";
import { SelectField, TextField } from "@/app/(studio)/studio/_editor/fields";
import { capitalize } from "@/app/(studio)/studio/_editor/list-editor";
import { ProblemsProvider } from "@/app/(studio)/studio/_editor/problems";

type Level = (typeof LEVELS)[number];

export function NewCourseForm({ categories }: { categories: { slug: string; title: string }[] }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [title, setTitle] = useState("");
  const [slug, setSlug] = useState<string | null>(null);
  const [category, setCategory] = useState(categories[0]?.slug);
  const [level, setLevel] = useState<Level | undefined>("beginner");
  const create = useMutation(trpc.studio.create.mutationOptions());
  // The slug follows the title until the author edits it.
  const effectiveSlug = slug ?? slugifyKey(title);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await create.mutateAsync({ title, slug: effectiveSlug, category: category ?? "", level: level ?? "" }).catch(() => null);
    if (result?.ok) router.push(`/studio/courses/${result.slug}`);
  }

  const problems = create.data && !create.data.ok ? create.data.problems : {};
  return (
    <ProblemsProvider problems={problems}>
      <form onSubmit={submit} className="space-y-5" noValidate>
        {create.error ? <Alert>{errorMessage(create.error)}</Alert> : null}
        {create.data && !create.data.ok ? <Alert>Some fields need attention.</Alert> : null}
        <TextField label="Course title" path={["title"]} value={title} onChange={(value) => setTitle(value ?? "")} />
        <TextField label="Course slug" hint="The course's address, /courses/<slug>: lowercase words joined by hyphens. It cannot change later." path={["slug"]} value={effectiveSlug} onChange={(value) => setSlug(value ?? "")} />
        <SelectField label="Category" path={["category"]} value={category} choices={categories.map((c) => ({ value: c.slug, label: c.title }))} onChange={setCategory} />
        <SelectField label="Level" path={["level"]} value={level} choices={LEVELS.map((l) => ({ value: l, label: capitalize(l) }))} onChange={setLevel} />
        <Button type="submit" disabled={create.isPending}>
          {create.isPending ? "Creating…" : "Create course"}
        </Button>
      </form>
    </ProblemsProvider>
  );
}
