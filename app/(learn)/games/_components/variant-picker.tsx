"use client";

import { useId, useState } from "react";
import { Button } from "@/app/_components/button";
import { Alert } from "@/app/_components/alert";
import { GAMES, type GameId, type GameSpec } from "@/lib/games/catalog";

/** Mode and level as two radio groups, then Start. Arrow keys move within a group (native radios). */
export function VariantPicker({
  game,
  mode,
  level,
  onChange,
  onStart,
  starting,
  error,
}: {
  game: GameId;
  mode: string;
  level: string;
  onChange: (next: { mode: string; level: string }) => void;
  onStart: () => void;
  starting: boolean;
  error: string | null;
}) {
  const spec: GameSpec = GAMES[game];
  return (
    <form
      className="space-y-6"
      onSubmit={(event) => {
        event.preventDefault();
        onStart();
      }}
    >
      <div className="grid gap-6 md:grid-cols-2">
        <RadioGroup legend="Mode" options={Object.entries(spec.modes).map(([value, m]) => ({ value, label: m.label, hint: m.description }))} value={mode} onChange={(value) => onChange({ mode: value, level })} />
        <RadioGroup legend="Level" options={Object.entries(spec.levels).map(([value, l]) => ({ value, label: l.label, hint: `Ages ${l.ages}` }))} value={level} onChange={(value) => onChange({ mode, level: value })} />
      </div>
      {error ? <Alert>{error}</Alert> : null}
      <Button type="submit" disabled={starting}>
        {starting ? "Starting…" : "Start"}
      </Button>
    </form>
  );
}

function RadioGroup({ legend, options, value, onChange }: { legend: string; options: { value: string; label: string; hint: string }[]; value: string; onChange: (value: string) => void }) {
  const name = useId();
  return (
    <fieldset className="space-y-2">
      <legend className="mb-2 text-sm font-semibold">{legend}</legend>
      {options.map((option) => (
        <label key={option.value} className="flex cursor-pointer items-start gap-3 rounded-md border border-slate-200 p-3 has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50 dark:border-slate-700 dark:has-[:checked]:bg-slate-800">
          <input type="radio" name={name} value={option.value} checked={value === option.value} onChange={() => onChange(option.value)} className="mt-1" />
          <span>
            <span className="block font-medium">{option.label}</span>
            <span className="block text-sm text-slate-600 dark:text-slate-400">{option.hint}</span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}

export function useVariant(game: GameId) {
  const spec: GameSpec = GAMES[game];
  return useState({ mode: Object.keys(spec.modes)[0]!, level: Object.keys(spec.levels)[0]! });
}
