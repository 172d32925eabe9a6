"use client";

import { useMutation } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { Button } from "@/app/_components/button";
import { useTRPC } from "@/app/_trpc/client";
import { PartyPopper } from "lucide-react";

/** The level-up moment, shown once: closing it marks the level-up notifications read. */
export function LevelUpDialog({ level }: { level: number }) {
  const trpc = useTRPC();
  const dialog = useRef<HTMLDialogElement>(null);
  const markRead = useMutation(trpc.gamification.markNotificationsRead.mutationOptions());
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
  }, []);
  const close = () => {
    markRead.mutate({ kind: "LEVEL_UP" });
    dialog.current?.close();
  };
  return (
    <dialog
      ref={dialog}
      aria-labelledby="level-up-title"
      onCancel={close}
      className="m-auto max-w-sm rounded-xl border border-slate-200 bg-white p-6 text-center text-slate-900 shadow-xl backdrop:bg-slate-950/50 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
    >
      <PartyPopper aria-hidden="true" className="mx-auto h-12 w-12 text-brand-600" />
      <h2 id="level-up-title" className="mt-3 text-2xl font-bold">
        Level {level}!
      </h2>
      <p className="mt-2 text-slate-700 dark:text-slate-300">Everything you learn keeps counting. On to level {level + 1}.</p>
      <Button className="mt-5" onClick={close} autoFocus>
        Keep going
      </Button>
    </dialog>
  );
}
