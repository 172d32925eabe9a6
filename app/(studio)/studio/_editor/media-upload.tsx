"use client";

import { useMutation } from "@tanstack/react-query";
import { createContext, useContext, useId, useState } from "react";
import { MAX_MEDIA_BYTES, type MediaKind } from "@/lib/media/sniff";
import { Alert } from "../../../_components/alert";
import { useTRPC } from "../../../_trpc/client";
import { errorMessage } from "../../../_trpc/errors";
import { fileToBase64 } from "../zip-files";

/** The slug of the course being edited, for uploads made deep inside the lesson editor. */
export const StudioCourseSlug = createContext<string | null>(null);

export type UploadedMedia = { path: string; url: string; kind: MediaKind };

const ACCEPT: Record<MediaKind, string> = { image: "image/png,image/jpeg,image/gif,image/webp", audio: "audio/mpeg,audio/ogg,audio/wav,audio/mp4,audio/webm,.mp3,.ogg,.wav,.m4a,.webm" };
const FORMATS: Record<MediaKind, string> = { image: "PNG, JPEG, GIF or WebP", audio: "MP3, Ogg, WAV, M4A or WebM" };

/** A labelled file picker that uploads one image or recording to the course's media and reports where it is stored. */
export function MediaUpload({ kind, label, onUploaded }: { kind: MediaKind; label: string; onUploaded: (media: UploadedMedia) => void }) {
  const slug = useContext(StudioCourseSlug);
  const trpc = useTRPC();
  const id = useId();
  const [tooLarge, setTooLarge] = useState<string | null>(null);
  const upload = useMutation(trpc.studio.uploadMedia.mutationOptions({ onSuccess: (media) => onUploaded(media) }));
  const limitMb = MAX_MEDIA_BYTES[kind] / 1024 / 1024;
  if (!slug) return null;
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <input
        id={id}
        type="file"
        accept={ACCEPT[kind]}
        aria-describedby={`${id}-hint`}
        disabled={upload.isPending}
        className="block text-sm file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5 file:text-sm file:font-semibold dark:file:border-slate-600 dark:file:bg-slate-900"
        onChange={async (event) => {
          const file = event.target.files?.[0];
          event.target.value = "";
          if (!file) return;
          // Checked here first to spare the upload; the server checks the size and the bytes again.
          if (file.size > MAX_MEDIA_BYTES[kind]) return setTooLarge(`${file.name} is larger than ${limitMb} MB.`);
          setTooLarge(null);
          upload.mutate({ slug, kind, dataBase64: await fileToBase64(file) });
        }}
      />
      <p id={`${id}-hint`} className="text-xs text-slate-600 dark:text-slate-400">
        {FORMATS[kind]}, up to {limitMb} MB.
      </p>
      <div aria-live="polite">
        {upload.isPending ? <p className="text-sm">Uploading…</p> : null}
        {upload.isSuccess ? <p className="text-sm text-green-800 dark:text-green-200">Uploaded.</p> : null}
      </div>
      {tooLarge ? <Alert>{tooLarge}</Alert> : null}
      {upload.error ? <Alert>{errorMessage(upload.error)}</Alert> : null}
    </div>
  );
}
