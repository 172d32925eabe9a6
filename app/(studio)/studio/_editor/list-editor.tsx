"use client";

import { useEffect, useRef, useState, type ReactNode } from "react";
import type { PathSegment } from "@/lib/content/load";
import { Button } from "@/app/_components/button";
import { fieldId, ProblemText, useProblems } from "./problems";

// One list editor for every ordered list of the studio: a lesson's sections, a section's items, a
// scene's turns, a question's options, a course's lessons. Items are grouped (fieldset + legend)
// with Move up / Move down / Remove buttons named after the item, and focus follows the item when
// it moves, lands in a new item when one is added, and on a neighbour when one is removed.

export type ListEditorProps<T> = {
  /** The list's content path: its id and its own problems ("must have at least 1 item"). */
  path: readonly PathSegment[];
  items: readonly T[];
  /** Singular noun for labels: "turn", "option", "section". */
  noun: string;
  /** The group name of an item; "Turn 2" by default. */
  legend?: (item: T, index: number) => string;
  renderItem: (item: T, index: number) => ReactNode;
  onMove: (from: number, to: number) => void;
  onRemove: (index: number) => void;
  onAdd?: () => void;
  /** Replaces the default "Add …" button (e.g. a section type picker). */
  addControl?: ReactNode;
  /** Ask for a second click before removing (for items holding a lot of content). */
  confirmRemove?: boolean;
  /** A compact row layout for one-field items (points, accepted answers, tags). */
  compact?: boolean;
};

type Focus = { index: number; control: "up" | "down" | "remove" | "field" } | { index: -1; control: "add" };

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function ListEditor<T>({ path, items, noun, legend, renderItem, onMove, onRemove, onAdd, addControl, confirmRemove, compact }: ListEditorProps<T>) {
  const listRef = useRef<HTMLOListElement>(null);
  const addRef = useRef<HTMLDivElement>(null);
  const pendingFocus = useRef<Focus | null>(null);
  const previousCount = useRef(items.length);
  const [confirming, setConfirming] = useState<number | null>(null);
  const id = fieldId(path);
  const problems = useProblems(path);
  const name = (item: T, index: number) => legend?.(item, index) ?? `${capitalize(noun)} ${index + 1}`;

  useEffect(() => {
    const grew = items.length > previousCount.current;
    previousCount.current = items.length;
    const focus = pendingFocus.current ?? (grew ? { index: items.length - 1, control: "field" as const } : null);
    pendingFocus.current = null;
    if (!focus) return;
    if (focus.index === -1) {
      addRef.current?.querySelector<HTMLElement>("button, select")?.focus();
      return;
    }
    const item = listRef.current?.children[focus.index];
    if (!item) return;
    const target =
      focus.control === "field"
        ? item.querySelector<HTMLElement>("input, textarea, select")
        : (item.querySelector<HTMLElement>(`[data-control="${focus.control}"]:not([aria-disabled="true"])`) ??
          item.querySelector<HTMLElement>("[data-control]:not([aria-disabled='true'])"));
    target?.focus();
  });

  function move(index: number, to: number, control: "up" | "down") {
    if (to < 0 || to >= items.length) return;
    pendingFocus.current = { index: to, control };
    setConfirming(null);
    onMove(index, to);
  }

  function remove(index: number) {
    if (confirmRemove && confirming !== index) {
      setConfirming(index);
      return;
    }
    setConfirming(null);
    const next = items.length - 1;
    pendingFocus.current = next === 0 ? { index: -1, control: "add" } : { index: Math.min(index, next - 1), control: "remove" };
    onRemove(index);
  }

  const controlClass = "rounded border border-slate-300 px-2 py-1 text-xs font-medium hover:bg-slate-100 aria-disabled:cursor-not-allowed aria-disabled:opacity-40 dark:border-slate-600 dark:hover:bg-slate-800";

  return (
    <div id={id} tabIndex={-1} className="space-y-3">
      <ProblemText id={`${id}-problems`} messages={problems} />
      {items.length === 0 ? <p className="text-sm text-slate-600 dark:text-slate-400">No {noun}s yet.</p> : null}
      <ol ref={listRef} className={compact ? "space-y-2" : "space-y-4"}>
        {items.map((item, index) => {
          const itemName = name(item, index);
          const first = index === 0;
          const last = index === items.length - 1;
          const controls = (
            <>
              <button type="button" data-control="up" aria-disabled={first || undefined} aria-label={`Move up: ${itemName}`} onClick={() => move(index, index - 1, "up")} className={controlClass}>
                Move up
              </button>
              <button type="button" data-control="down" aria-disabled={last || undefined} aria-label={`Move down: ${itemName}`} onClick={() => move(index, index + 1, "down")} className={controlClass}>
                Move down
              </button>
              {confirming === index ? (
                <>
                  <button type="button" data-control="remove" aria-label={`Confirm remove: ${itemName}`} onClick={() => remove(index)} className={`${controlClass} border-red-400 text-red-700 dark:text-red-300`}>
                    Confirm remove
                  </button>
                  <button type="button" aria-label={`Keep: ${itemName}`} onClick={() => setConfirming(null)} className={controlClass}>
                    Keep
                  </button>
                </>
              ) : (
                <button type="button" data-control="remove" aria-label={`Remove: ${itemName}`} onClick={() => remove(index)} className={controlClass}>
                  Remove
                </button>
              )}
            </>
          );
          return (
            // Index keys: the content is controlled, and focus is moved explicitly above.
            <li key={index}>
              <fieldset className={compact ? "" : "rounded-lg border border-slate-200 p-4 dark:border-slate-800"}>
                <legend className={compact ? "sr-only" : "px-1 text-sm font-semibold"}>{itemName}</legend>
                {compact ? (
                  <div className="flex flex-wrap items-start gap-2">
                    <div className="min-w-48 flex-1">{renderItem(item, index)}</div>
                    <div className="flex gap-2 sm:pt-6">{controls}</div>
                  </div>
                ) : (
                  <div className="space-y-3">
                    <div className="flex flex-wrap justify-end gap-2">{controls}</div>
                    {renderItem(item, index)}
                  </div>
                )}
                {/* A compact item is one field, which shows its own problems. */}
                {compact ? null : <ItemProblems path={[...path, index]} />}
              </fieldset>
            </li>
          );
        })}
      </ol>
      <div ref={addRef}>
        {addControl ??
          (onAdd ? (
            <Button type="button" variant="secondary" onClick={onAdd}>
              Add {noun}
            </Button>
          ) : null)}
      </div>
    </div>
  );
}

/** Problems about a whole item (a duplicate key, an unknown field). */
function ItemProblems({ path }: { path: readonly PathSegment[] }) {
  const problems = useProblems(path);
  return <ProblemText id={`${fieldId(path)}-problems`} messages={problems} />;
}

/** Array operations for a ListEditor over local state. */
export function arrayOps<T>(items: readonly T[], onChange: (items: T[]) => void, newItem?: () => T) {
  return {
    onMove: (from: number, to: number) => {
      const next = [...items];
      const [moved] = next.splice(from, 1);
      next.splice(to, 0, moved as T);
      onChange(next);
    },
    onRemove: (index: number) => onChange(items.filter((_, i) => i !== index)),
    onAdd: newItem ? () => onChange([...items, newItem()]) : undefined,
  };
}

/** Replaces one element of a list. */
export function replaceAt<T>(items: readonly T[], index: number, item: T): T[] {
  return items.map((existing, i) => (i === index ? item : existing));
}
