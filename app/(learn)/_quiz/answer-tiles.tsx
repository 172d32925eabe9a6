"use client";

import { tileFor, type TileShape } from "@/lib/quiz/tiles";

const PATHS: Record<TileShape, string> = {
  triangle: "M12 3 L22 21 L2 21 Z",
  diamond: "M12 2 L22 12 L12 22 L2 12 Z",
  circle: "M12 2 A10 10 0 1 0 12.01 2 Z",
  square: "M3 3 H21 V21 H3 Z",
  pentagon: "M12 2 L22 9.5 L18 21 H6 L2 9.5 Z",
  hexagon: "M7 3 H17 L22 12 L17 21 H7 L2 12 Z",
  star: "M12 2 L14.9 8.6 L22 9.3 L16.6 14 L18.2 21 L12 17.3 L5.8 21 L7.4 14 L2 9.3 L9.1 8.6 Z",
  heart: "M12 21 C5 15 2 12 2 8 A5 5 0 0 1 12 6 A5 5 0 0 1 22 8 C22 12 19 15 12 21 Z",
};

/** The shape of answer tile `index`, in white, for a coloured tile. */
export function TileShapeIcon({ index, className = "h-8 w-8" }: { index: number; className?: string }) {
  return (
    <svg viewBox="0 0 24 24" className={`shrink-0 fill-white ${className}`} aria-hidden="true" focusable="false" data-shape={tileFor(index).shape}>
      <path d={PATHS[tileFor(index).shape]} />
    </svg>
  );
}

/** The options of a question as coloured, shaped tiles (the big screen's, for show). */
export function TileGrid({ options, correct }: { options: string[]; correct?: number[] }) {
  return (
    <ul className="grid gap-3 sm:grid-cols-2" aria-label="Answers">
      {options.map((text, index) => {
        const isCorrect = correct?.includes(index);
        return (
          <li key={index} className={`flex min-h-20 items-center gap-4 rounded-lg p-4 text-xl font-semibold text-white ${tileFor(index).className}`}>
            <TileShapeIcon index={index} className="h-10 w-10" />
            <span className="sr-only">{tileFor(index).label}: </span>
            <span className="flex-1">{text}</span>
            {isCorrect ? <span className="rounded bg-white px-2 py-1 text-base text-slate-900">✓ Correct</span> : null}
          </li>
        );
      })}
    </ul>
  );
}

/**
 * A player's answer tiles: one big button per option, with its colour and shape as on the big
 * screen, named by its text for screen readers. Single choice and true/false send on press;
 * multiple select toggles (aria-pressed) and sends with the button below.
 */
export function AnswerTiles({
  options,
  multiple,
  selected,
  disabled,
  onPick,
}: {
  options: string[];
  multiple: boolean;
  selected: number[];
  disabled?: boolean;
  onPick: (index: number) => void;
}) {
  return (
    <div role="group" aria-label={multiple ? "Answers: select all that apply" : "Answers"} className="grid grid-cols-1 gap-3 min-[360px]:grid-cols-2">
      {options.map((text, index) => {
        const on = selected.includes(index);
        return (
          <button
            key={index}
            type="button"
            disabled={disabled}
            aria-pressed={multiple ? on : undefined}
            onClick={() => onPick(index)}
            className={`flex min-h-24 items-center gap-3 rounded-lg p-3 text-left text-lg font-semibold text-white outline-offset-4 focus-visible:outline-4 focus-visible:outline-slate-900 disabled:cursor-not-allowed dark:focus-visible:outline-white ${tileFor(index).className} ${
              on ? "ring-4 ring-slate-900 ring-offset-2 dark:ring-white" : ""
            } ${disabled && !on ? "opacity-50" : ""}`}
          >
            <TileShapeIcon index={index} />
            <span className="break-words">{text}</span>
          </button>
        );
      })}
    </div>
  );
}
