"use client";

import { useState, useSyncExternalStore } from "react";
import { Markdown } from "@/app/_components/markdown";
import { decimalSeparator, isNumberKeystroke, localNumber, plainNumber } from "@/lib/quiz/number-input";
import { gradeLabel, type AnswerInput, type QuestionView, type Revealed } from "./types";

type InputProps = {
  /** Unique per question on the page: ids of labels and inputs derive from it. */
  id: string;
  view: QuestionView;
  value: AnswerInput | null;
  onChange: (answer: AnswerInput) => void;
  /** Fires when a typed answer is done (blur, Enter): text answers save then, choices at once. */
  onCommit?: () => void;
  disabled?: boolean;
};

const choiceRow = "flex items-center gap-3 rounded-md border border-slate-300 px-3 py-2 has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50 dark:border-slate-700 dark:has-[:checked]:bg-slate-800";
const textInput = "block w-full max-w-md rounded-md border border-slate-300 bg-white px-3 py-2 text-base dark:border-slate-600 dark:bg-slate-900";
const smallButton = "rounded border border-slate-300 px-2 py-1 text-sm hover:bg-slate-100 disabled:opacity-50 dark:border-slate-600 dark:hover:bg-slate-800";

/** The answer controls of one question, all reachable and operable by keyboard. */
export function QuestionInput({ id, view, value, onChange, onCommit, disabled }: InputProps) {
  const enterCommits = (event: React.KeyboardEvent) => {
    if (event.key === "Enter") {
      event.preventDefault();
      onCommit?.();
    }
  };
  switch (view.type) {
    case "single-choice":
    case "true-false": {
      const options = view.type === "true-false" ? ["True", "False"] : view.options;
      const selected = value?.type === "single-choice" ? value.choice : value?.type === "true-false" ? (value.value ? 0 : 1) : null;
      return (
        <div role="radiogroup" aria-labelledby={`${id}-prompt`} className="space-y-2">
          {options.map((text, index) => (
            <label key={index} className={choiceRow}>
              <input
                type="radio"
                name={`${id}-choice`}
                checked={selected === index}
                disabled={disabled}
                onChange={() => onChange(view.type === "true-false" ? { type: "true-false", value: index === 0 } : { type: "single-choice", choice: index })}
              />
              <span>{text}</span>
            </label>
          ))}
        </div>
      );
    }
    case "multiple-select": {
      const chosen = value?.type === "multiple-select" ? value.choices : [];
      return (
        <div role="group" aria-labelledby={`${id}-prompt`} className="space-y-2">
          <p className="text-sm text-slate-600 dark:text-slate-400">Select all that apply.</p>
          {view.options.map((text, index) => (
            <label key={index} className={choiceRow}>
              <input
                type="checkbox"
                checked={chosen.includes(index)}
                disabled={disabled}
                onChange={(event) =>
                  onChange({ type: "multiple-select", choices: event.target.checked ? [...chosen, index].sort((a, b) => a - b) : chosen.filter((c) => c !== index) })
                }
              />
              <span>{text}</span>
            </label>
          ))}
        </div>
      );
    }
    case "numeric":
      return <NumericInput key={id} id={id} unit={view.unit} value={value} onChange={onChange} onCommit={onCommit} onKeyDown={enterCommits} disabled={disabled} />;
    case "short-text": {
      const text = value?.type === view.type ? value.text : "";
      return (
        <div className="space-y-1">
          <label htmlFor={`${id}-text`} className="block text-sm font-medium">
            Your answer
          </label>
          <input
            id={`${id}-text`}
            className={textInput}
            autoComplete="off"
            value={text}
            disabled={disabled}
            maxLength={500}
            onChange={(event) => onChange({ type: view.type, text: event.target.value })}
            onBlur={() => onCommit?.()}
            onKeyDown={enterCommits}
          />
        </div>
      );
    }
    case "ordering":
      return <OrderingInput id={id} view={view} value={value} onChange={onChange} disabled={disabled} />;
    case "matching": {
      const matches = value?.type === "matching" ? value.matches : view.left.map(() => null);
      return (
        <div className="space-y-2">
          <p className="text-sm text-slate-600 dark:text-slate-400">Pick the match for each item.</p>
          {view.left.map((left, index) => (
            <div key={index} className="flex flex-wrap items-center gap-3">
              <label htmlFor={`${id}-match-${index}`} className="min-w-40 font-medium">
                {left}
              </label>
              <select
                id={`${id}-match-${index}`}
                className={textInput + " max-w-xs"}
                value={matches[index] ?? ""}
                disabled={disabled}
                onChange={(event) => {
                  const next = [...matches];
                  next[index] = event.target.value === "" ? null : Number(event.target.value);
                  onChange({ type: "matching", matches: next });
                }}
              >
                <option value="">Choose…</option>
                {view.right.map((right, rightIndex) => (
                  <option key={rightIndex} value={rightIndex}>
                    {right}
                  </option>
                ))}
              </select>
            </div>
          ))}
        </div>
      );
    }
    case "cloze": {
      const blanks = value?.type === "cloze" ? value.blanks : Array.from({ length: view.blankCount }, () => "");
      return (
        <p className="leading-loose">
          {view.parts.map((part, index) =>
            part.kind === "text" ? (
              <span key={index}>{part.text}</span>
            ) : (
              <input
                key={index}
                aria-label={`Blank ${part.index + 1}`}
                className="mx-1 inline-block w-36 rounded border border-slate-400 bg-white px-2 py-0.5 dark:border-slate-600 dark:bg-slate-900"
                autoComplete="off"
                value={blanks[part.index] ?? ""}
                disabled={disabled}
                maxLength={200}
                onChange={(event) => {
                  const next = [...blanks];
                  next[part.index] = event.target.value;
                  onChange({ type: "cloze", blanks: next });
                }}
                onBlur={() => onCommit?.()}
                onKeyDown={enterCommits}
              />
            ),
          )}
        </p>
      );
    }
  }
}

function OrderingInput({ id, view, value, onChange, disabled }: Omit<InputProps, "view"> & { view: Extract<QuestionView, { type: "ordering" }> }) {
  const order = value?.type === "ordering" ? value.order : view.items.map((_, i) => i);
  const [announcement, setAnnouncement] = useState("");
  const [dragged, setDragged] = useState<number | null>(null);
  const move = (from: number, to: number) => {
    if (to < 0 || to >= order.length || from === to) return;
    const next = [...order];
    const [item] = next.splice(from, 1);
    next.splice(to, 0, item!);
    onChange({ type: "ordering", order: next });
    setAnnouncement(`${view.items[item!]} moved to position ${to + 1} of ${order.length}.`);
  };
  return (
    <div>
      <p className="text-sm text-slate-600 dark:text-slate-400">Put the items in order: drag them, or use the Up and Down buttons.</p>
      <ol className="mt-2 space-y-2" aria-labelledby={`${id}-prompt`}>
        {order.map((item, position) => (
          <li
            key={item}
            draggable={!disabled}
            onDragStart={() => setDragged(position)}
            onDragOver={(event) => event.preventDefault()}
            onDrop={() => {
              if (dragged !== null) move(dragged, position);
              setDragged(null);
            }}
            className="flex items-center gap-3 rounded-md border border-slate-300 px-3 py-2 dark:border-slate-700"
          >
            <span aria-hidden="true" className="w-6 text-slate-500">
              {position + 1}.
            </span>
            <span className="flex-1">{view.items[item]}</span>
            <button type="button" className={smallButton} disabled={disabled || position === 0} aria-label={`Move ${view.items[item]} up`} onClick={() => move(position, position - 1)}>
              Up
            </button>
            <button type="button" className={smallButton} disabled={disabled || position === order.length - 1} aria-label={`Move ${view.items[item]} down`} onClick={() => move(position, position + 1)}>
              Down
            </button>
          </li>
        ))}
      </ol>
      <p aria-live="polite" className="sr-only">
        {announcement}
      </p>
    </div>
  );
}

/** What the learner sees once an answer is final: the verdict, the right answer, the explanation. */
export function QuestionFeedback({ view, revealed, points, lessonHref, verdict = true }: { view: QuestionView; revealed: Revealed; points?: number | null; lessonHref?: string; verdict?: boolean }) {
  const { key, grade } = revealed;
  const tone = !verdict ? "border-slate-300 dark:border-slate-700" : grade.correct ? "border-green-300 bg-green-50 dark:border-green-800 dark:bg-green-950" : grade.fraction > 0 ? "border-amber-300 bg-amber-50 dark:border-amber-800 dark:bg-amber-950" : "border-red-300 bg-red-50 dark:border-red-800 dark:bg-red-950";
  let right: string;
  switch (key.type) {
    case "single-choice":
    case "multiple-select":
      right = view.type === key.type ? key.correct.map((i) => view.options[i]).join("; ") : "";
      break;
    case "true-false":
      right = key.answer ? "True" : "False";
      break;
    case "short-text":
      right = key.accepted.join(" or ");
      break;
    case "numeric":
      right = `${key.answer}${key.tolerance ? ` (± ${key.tolerance})` : ""}${key.unit ? ` ${key.unit}` : ""}`;
      break;
    case "ordering":
      right = view.type === "ordering" ? key.order.map((i) => view.items[i]).join(" → ") : "";
      break;
    case "matching":
      right = view.type === "matching" ? view.left.map((left, i) => `${left} → ${view.right[key.matches[i]!]}`).join("; ") : "";
      break;
    case "cloze":
      right = key.blanks.map((accepted, i) => `${i + 1}: ${accepted.join(" or ")}`).join("; ");
      break;
  }
  return (
    <div className={`mt-3 space-y-2 rounded-md border p-3 text-sm ${tone}`}>
      {verdict ? (
        <p className="font-semibold">
          {gradeLabel(grade.fraction)}
          {points !== undefined && points !== null ? ` · ${points} points` : ""}
        </p>
      ) : null}
      {!grade.correct || !verdict ? <p>Answer: {right}</p> : null}
      <Markdown>{revealed.explanation}</Markdown>
      {revealed.teaches && lessonHref ? (
        <p>
          <a className="text-brand-700 underline dark:text-brand-100" href={`${lessonHref}#section-${revealed.teaches}`}>
            Review the section that teaches this
          </a>
        </p>
      ) : null}
    </div>
  );
}

const noSubscription = () => () => {};
const browserDecimal = () => decimalSeparator(navigator.language);

/**
 * A numeric answer: only a sign, digits and separators can be typed (anything else is refused with
 * a sentence), the browser's locale decides the decimal separator, and what is sent is the plain
 * number ("3,5" typed in German is sent as 3.5). The server checks it is a number again.
 */
function NumericInput({
  id,
  unit,
  value,
  onChange,
  onCommit,
  onKeyDown,
  disabled,
}: Pick<InputProps, "id" | "value" | "onChange" | "onCommit" | "disabled"> & { unit: string | null; onKeyDown: (event: React.KeyboardEvent) => void }) {
  // The locale is the browser's, known only after hydration (the server render uses ".").
  const decimal = useSyncExternalStore(noSubscription, browserDecimal, () => "." as const);
  const [typed, setTyped] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const saved = value?.type === "numeric" ? value.text : "";
  const text = typed ?? localNumber(saved, decimal);
  const example = decimal === "," ? "3,5" : "3.5";
  return (
    <div className="space-y-1">
      <label htmlFor={`${id}-text`} className="block text-sm font-medium">
        Your answer{unit ? ` (in ${unit})` : ""}
      </label>
      <div className="flex items-center gap-2">
        <input
          id={`${id}-text`}
          className={textInput + " max-w-48"}
          inputMode="decimal"
          autoComplete="off"
          value={text}
          disabled={disabled}
          maxLength={40}
          aria-invalid={problem ? true : undefined}
          aria-describedby={`${id}-hint`}
          onChange={(event) => {
            const next = event.target.value;
            if (!isNumberKeystroke(next)) {
              setProblem(`Only a number can go here: digits, a minus sign and the decimal separator (${example}).`);
              return;
            }
            setTyped(next);
            if (next.trim() === "") {
              setProblem(null);
              onChange({ type: "numeric", text: "" });
              return;
            }
            const plain = plainNumber(next, decimal);
            setProblem(plain === null ? `That is not a number yet: write it like ${example}.` : null);
            if (plain !== null) onChange({ type: "numeric", text: plain });
          }}
          onBlur={() => onCommit?.()}
          onKeyDown={onKeyDown}
        />
        {unit ? <span aria-hidden="true" className="text-sm text-slate-600 dark:text-slate-400">{unit}</span> : null}
      </div>
      <p id={`${id}-hint`} className={problem ? "text-sm text-red-700 dark:text-red-300" : "text-sm text-slate-600 dark:text-slate-400"} aria-live="polite">
        {problem ?? `A number, like ${example}.`}
      </p>
    </div>
  );
}
