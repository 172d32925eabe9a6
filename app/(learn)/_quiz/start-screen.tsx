"use client";

import { useMutation } from "@tanstack/react-query";
import { usePathname, useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/app/_components/alert";
import { Button } from "@/app/_components/button";
import { useTRPC } from "@/app/_trpc/client";
import { errorMessage } from "@/app/_trpc/errors";
import { AttemptPlayer } from "./attempt-player";
import type { AttemptView } from "./types";

type Mode = "PRACTICE" | "GRADED" | "TIMED";
export type QuizOverview = {
  title: string | null;
  passPercent: number;
  questionCount: number;
  timeLimitMs: number;
  course: { slug: string; title: string };
  lesson: { slug: string; title: string };
  open: { id: string; mode: Mode }[];
  bestPercent: number;
  bestPoints: number;
};

/** The lesson quiz: pick a mode (resuming an open attempt), then play it. The URL names the attempt, so a reload resumes it. */
export function LessonQuiz({ overview, initialAttempt, canHost }: { overview: QuizOverview; initialAttempt: AttemptView | null; canHost: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const pathname = usePathname();
  const [attempt, setAttempt] = useState<AttemptView | null>(initialAttempt);
  const start = useMutation(
    trpc.quiz.start.mutationOptions({
      onSuccess: (started) => {
        setAttempt(started);
        router.replace(`${pathname}?attempt=${started.id}`, { scroll: false });
      },
    }),
  );
  const host = useMutation(trpc.quiz.live.create.mutationOptions({ onSuccess: (room) => router.push(`/studio/live/${room.code}`) }));
  const [roomOptions, setRoomOptions] = useState({
    speedPoints: true,
    streakBonus: true,
    shuffle: true,
    sound: true,
    timeLimitSeconds: Math.round(overview.timeLimitMs / 1000),
    podiumSize: 3,
    playerCap: 500,
  });
  const begin = (mode: Mode) => start.mutate({ courseSlug: overview.course.slug, lessonSlug: overview.lesson.slug, mode });
  if (attempt) return <AttemptPlayer key={attempt.id} initial={attempt} onAgain={() => begin(attempt.mode)} />;

  const resumable = (mode: Mode) => overview.open.some((open) => open.mode === mode);
  const modes: { mode: Mode; title: string; text: string }[] = [
    { mode: "PRACTICE", title: "Practice", text: "One question at a time, untimed, with the answer and explanation right after each one." },
    { mode: "GRADED", title: "Graded quiz", text: `Every question on one page, untimed. Answers save as you go; marks and explanations come when you finish. ${overview.passPercent}% passes.` },
    {
      mode: "TIMED",
      title: "Timed challenge",
      text: `${Math.round(overview.timeLimitMs / 1000)} seconds per question; faster correct answers score more, and answers in a row earn a streak bonus. Then challenge a friend to beat you. Prefer no clock? Practice is the untimed way through the same questions.`,
    },
  ];
  return (
    <div className="space-y-6">
      <header className="space-y-2">
        <p className="text-sm text-slate-600 dark:text-slate-400">
          <a href={`/courses/${overview.course.slug}/lessons/${overview.lesson.slug}`} className="underline">
            {overview.lesson.title}
          </a>{" "}
          · {overview.course.title}
        </p>
        <h1 className="text-3xl font-bold tracking-tight">{overview.title ?? "Quiz"}</h1>
        <p className="text-slate-700 dark:text-slate-300">
          {overview.questionCount} {overview.questionCount === 1 ? "question" : "questions"}
          {overview.bestPercent >= 0 ? ` · your best graded score: ${overview.bestPercent}%` : ""}
          {overview.bestPoints >= 0 ? ` · your best timed score: ${overview.bestPoints} points` : ""}
        </p>
      </header>
      {start.error ?? host.error ? <Alert>{errorMessage(start.error ?? host.error)}</Alert> : null}
      <ul className="grid gap-4 md:grid-cols-3">
        {modes.map(({ mode, title, text }) => (
          <li key={mode} className="flex flex-col gap-3 rounded-lg border border-slate-200 p-4 dark:border-slate-800">
            <h2 className="text-xl font-semibold">{title}</h2>
            <p className="flex-1 text-sm text-slate-700 dark:text-slate-300">{text}</p>
            <Button disabled={start.isPending} onClick={() => begin(mode)}>
              {resumable(mode) ? `Resume ${title.toLowerCase()}` : `Start ${title.toLowerCase()}`}
            </Button>
          </li>
        ))}
      </ul>
      {canHost ? (
        <section aria-labelledby="host-heading" className="space-y-2 rounded-lg border border-slate-200 p-4 dark:border-slate-800">
          <h2 id="host-heading" className="text-xl font-semibold">
            Host it live
          </h2>
          <p className="text-sm text-slate-700 dark:text-slate-300">
            Open a live room on this quiz: players join at /join with a six-digit code or the QR code (no account needed) and answer on their own devices while you run the questions.
          </p>
          <form
            className="space-y-3"
            onSubmit={(event) => {
              event.preventDefault();
              host.mutate({ courseSlug: overview.course.slug, lessonSlug: overview.lesson.slug, options: roomOptions });
            }}
          >
            <fieldset className="grid gap-3 sm:grid-cols-2">
              <legend className="mb-2 text-sm font-medium">Room options</legend>
              {(
                [
                  ["speedPoints", "Speed points (faster correct answers score more)"],
                  ["streakBonus", "Answer streak bonus"],
                  ["shuffle", "Shuffle questions and answers"],
                  ["sound", "Lobby and countdown sound on the big screen"],
                ] as const
              ).map(([name, label]) => (
                <label key={name} className="flex items-center gap-2 text-sm">
                  <input type="checkbox" checked={roomOptions[name]} onChange={(event) => setRoomOptions((o) => ({ ...o, [name]: event.target.checked }))} />
                  {label}
                </label>
              ))}
              <label className="flex items-center gap-2 text-sm">
                Seconds per question
                <input
                  type="number"
                  min={5}
                  max={240}
                  className="w-20 rounded border border-slate-300 px-2 py-1 dark:border-slate-600 dark:bg-slate-900"
                  value={roomOptions.timeLimitSeconds}
                  onChange={(event) => setRoomOptions((o) => ({ ...o, timeLimitSeconds: Number(event.target.value) }))}
                />
              </label>
              <label className="flex items-center gap-2 text-sm">
                Places on the podium
                <input
                  type="number"
                  min={3}
                  max={10}
                  className="w-20 rounded border border-slate-300 px-2 py-1 dark:border-slate-600 dark:bg-slate-900"
                  value={roomOptions.podiumSize}
                  onChange={(event) => setRoomOptions((o) => ({ ...o, podiumSize: Number(event.target.value) }))}
                />
              </label>
              <label className="flex items-center gap-2 text-sm">
                Most players
                <input
                  type="number"
                  min={1}
                  max={1000}
                  className="w-24 rounded border border-slate-300 px-2 py-1 dark:border-slate-600 dark:bg-slate-900"
                  value={roomOptions.playerCap}
                  onChange={(event) => setRoomOptions((o) => ({ ...o, playerCap: Number(event.target.value) }))}
                />
              </label>
            </fieldset>
            <Button type="submit" variant="secondary" disabled={host.isPending}>
              {host.isPending ? "Opening…" : "Host a live room"}
            </Button>
          </form>
        </section>
      ) : null}
    </div>
  );
}
