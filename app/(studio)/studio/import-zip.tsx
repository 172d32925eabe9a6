"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Alert } from "@/app/_components/alert";
import { Button } from "@/app/_components/button";
import { useTRPC } from "@/app/_trpc/client";
import { errorMessage } from "@/app/_trpc/errors";
import { fileToBase64, MAX_ZIP_MB } from "./zip-files";

export function ImportZip() {
  const trpc = useTRPC();
  const router = useRouter();
  const [file, setFile] = useState<File | null>(null);
  const [tooLarge, setTooLarge] = useState(false);
  const importZip = useMutation(trpc.studio.importZip.mutationOptions());
  const result = importZip.data;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!file) return;
    if (file.size > MAX_ZIP_MB * 1024 * 1024) {
      setTooLarge(true);
      return;
    }
    setTooLarge(false);
    const outcome = await importZip.mutateAsync({ zipBase64: await fileToBase64(file) }).catch(() => null);
    if (outcome?.ok) router.push(`/studio/courses/${outcome.slug}`);
  }

  return (
    <form onSubmit={submit} className="space-y-3">
      <div className="flex flex-wrap items-end gap-3">
        <div className="space-y-1">
          <label htmlFor="import-zip" className="block text-sm font-medium">
            Course zip
          </label>
          <input id="import-zip" type="file" accept=".zip,application/zip" aria-describedby="import-zip-hint" onChange={(e) => setFile(e.target.files?.[0] ?? null)} className="block text-sm" />
          <p id="import-zip-hint" className="text-sm text-slate-600 dark:text-slate-400">
            At most {MAX_ZIP_MB} MB.
          </p>
        </div>
        <Button type="submit" variant="secondary" disabled={!file || importZip.isPending}>
          {importZip.isPending ? "Importing…" : "Import zip"}
        </Button>
      </div>
      {tooLarge ? <Alert>The zip is larger than {MAX_ZIP_MB} MB.</Alert> : null}
      {importZip.error ? <Alert>{errorMessage(importZip.error)}</Alert> : null}
      {result && !result.ok ? (
        <Alert>
          <p className="font-semibold">Nothing was imported: the zip has {result.problems.length === 1 ? "1 problem" : `${result.problems.length} problems`}.</p>
          <ul className="mt-2 list-disc space-y-1 pl-5 font-mono text-xs">
            {result.problems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        </Alert>
      ) : null}
      {result?.ok ? <Alert tone="success">Imported {result.slug} ({result.summary}). Opening it…</Alert> : null}
    </form>
  );
}
