"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useRef, useState } from "react";
import { clozeBack, clozeFront, clozeNumbers } from "@/lib/srs/cloze";
import { Alert } from "@/app/_components/alert";
import { Button } from "@/app/_components/button";
import { Markdown } from "@/app/_components/markdown";
import { useTRPC } from "@/app/_trpc/client";
import { errorMessage } from "@/app/_trpc/errors";

type Kind = "BASIC" | "CLOZE";
const TEXT_MAX = 4_000;
const fieldClass = "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-base dark:border-slate-600 dark:bg-slate-900";

/** The cards a note will make, as the server renders them (lib/srs/cloze.ts is shared). */
function previewCards(kind: Kind, front: string, back: string) {
  if (kind === "BASIC") return front.trim() ? [{ label: "Card", front, back }] : [];
  const extra = back.trim();
  return clozeNumbers(front).map((number) => ({
    label: `Cloze ${number}`,
    front: clozeFront(front, number),
    back: extra ? `${clozeBack(front, number)}\n\n${extra}` : clozeBack(front, number),
  }));
}

/**
 * Adding or editing one of the learner's notes: its deck, basic or cloze, both sides in Markdown,
 * and a preview of every card it makes. "Add cloze" (or Ctrl+Shift+C in the text) wraps the
 * selection in the next cloze number, as in Anki.
 */
export function NoteEditor({ noteId, initialDeckId }: { noteId?: string; initialDeckId?: string }) {
  const trpc = useTRPC();
  const existing = useQuery({ ...trpc.review.notes.get.queryOptions({ noteId: noteId ?? "" }), enabled: Boolean(noteId) });
  if (!noteId) return <NoteForm initialDeckId={initialDeckId} />;
  if (existing.error) return <Alert>{errorMessage(existing.error)}</Alert>;
  if (!existing.data) return <p role="status">Loading the note…</p>;
  return <NoteForm noteId={noteId} initial={existing.data} />;
}

function NoteForm({ noteId, initialDeckId, initial }: { noteId?: string; initialDeckId?: string; initial?: { deckId: string; kind: Kind; front: string; back: string } }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const ids = useId();
  const frontRef = useRef<HTMLTextAreaElement>(null);
  const decks = useQuery(trpc.review.decks.list.queryOptions());
  // null until the learner picks: the first of their decks is then the default.
  const [chosenDeck, setDeckId] = useState<string | null>(initial?.deckId ?? initialDeckId ?? null);
  const deckId = chosenDeck ?? decks.data?.[0]?.id ?? "";
  const [newDeck, setNewDeck] = useState("");
  const [kind, setKind] = useState<Kind>(initial?.kind ?? "BASIC");
  const [front, setFront] = useState(initial?.front ?? "");
  const [back, setBack] = useState(initial?.back ?? "");
  const [message, setMessage] = useState<{ tone: "success" | "error"; text: string } | null>(null);

  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.review.pathKey() });
  const onError = (error: unknown) => setMessage({ tone: "error", text: errorMessage(error) });
  const createDeck = useMutation(trpc.review.decks.create.mutationOptions({ onError }));
  const create = useMutation(
    trpc.review.notes.create.mutationOptions({
      onSuccess: async (note) => {
        setMessage({ tone: "success", text: note.cards.length === 1 ? "Card added to your deck." : `Note added: ${note.cards.length} cards.` });
        setFront("");
        setBack("");
        document.getElementById(`${ids}-front`)?.focus();
        await invalidate();
      },
      onError,
    }),
  );
  const update = useMutation(
    trpc.review.notes.update.mutationOptions({
      onSuccess: async () => {
        await invalidate();
        router.push("/cards");
      },
      onError,
    }),
  );

  const addCloze = () => {
    const area = frontRef.current;
    if (!area) return;
    const next = (clozeNumbers(front).at(-1) ?? 0) + 1;
    const { selectionStart: start, selectionEnd: end } = area;
    const selected = front.slice(start, end) || "answer";
    const text = `${front.slice(0, start)}{{c${next}::${selected}}}${front.slice(end)}`;
    setKind("CLOZE");
    setFront(text);
    requestAnimationFrame(() => {
      area.focus();
      const at = start + `{{c${next}::`.length;
      area.setSelectionRange(at, at + selected.length);
    });
  };

  const save = async () => {
    setMessage(null);
    let target = deckId;
    if (!target) {
      if (!newDeck.trim()) return setMessage({ tone: "error", text: "Choose a deck or name a new one." });
      target = (await createDeck.mutateAsync({ name: newDeck })).id;
      setDeckId(target);
      setNewDeck("");
      await invalidate();
    }
    if (noteId) update.mutate({ noteId, deckId: target, kind, front, back });
    else create.mutate({ deckId: target, kind, front, back });
  };

  const cards = previewCards(kind, front, back);
  const pending = create.isPending || update.isPending || createDeck.isPending;

  return (
    <div className="grid gap-8 lg:grid-cols-2">
      <form
        aria-label={noteId ? "Edit note" : "Add a note"}
        className="space-y-4"
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <div className="space-y-1">
          <label htmlFor={`${ids}-deck`} className="block text-sm font-medium">Deck</label>
          <select id={`${ids}-deck`} value={deckId} onChange={(event) => setDeckId(event.target.value)} className={fieldClass}>
            <option value="">New deck…</option>
            {decks.data?.map((deck) => <option key={deck.id} value={deck.id}>{deck.name}</option>)}
          </select>
        </div>
        {!deckId ? (
          <div className="space-y-1">
            <label htmlFor={`${ids}-new-deck`} className="block text-sm font-medium">New deck name</label>
            <input id={`${ids}-new-deck`} value={newDeck} maxLength={80} onChange={(event) => setNewDeck(event.target.value)} className={fieldClass} />
          </div>
        ) : null}
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium">Card type</legend>
          <div className="flex gap-4">
            {(["BASIC", "CLOZE"] as const).map((value) => (
              <label key={value} className="inline-flex items-center gap-2 text-sm">
                <input type="radio" name={`${ids}-kind`} value={value} checked={kind === value} onChange={() => setKind(value)} />
                {value === "BASIC" ? "Basic (front and back)" : "Cloze (fill in the blanks)"}
              </label>
            ))}
          </div>
        </fieldset>
        <div className="space-y-1">
          <div className="flex items-end justify-between gap-2">
            <label htmlFor={`${ids}-front`} className="block text-sm font-medium">{kind === "BASIC" ? "Front" : "Text"}</label>
            <Button type="button" variant="secondary" className="px-2 py-1" onClick={addCloze}>Add cloze</Button>
          </div>
          <textarea
            ref={frontRef}
            id={`${ids}-front`}
            value={front}
            maxLength={TEXT_MAX}
            rows={5}
            required
            aria-describedby={`${ids}-front-hint`}
            onChange={(event) => setFront(event.target.value)}
            onKeyDown={(event) => {
              if (event.key.toLowerCase() === "c" && event.ctrlKey && event.shiftKey) {
                event.preventDefault();
                addCloze();
              }
            }}
            className={fieldClass}
          />
          <p id={`${ids}-front-hint`} className="text-sm text-slate-600 dark:text-slate-400">
            Markdown works. {kind === "CLOZE" ? "Write deletions as {{c1::answer}} or {{c1::answer::hint}}; each number becomes one card." : "Ctrl+Shift+C turns the selection into a cloze deletion."}
          </p>
        </div>
        <div className="space-y-1">
          <label htmlFor={`${ids}-back`} className="block text-sm font-medium">{kind === "BASIC" ? "Back" : "Extra (shown with the answer)"}</label>
          <textarea id={`${ids}-back`} value={back} maxLength={TEXT_MAX} rows={4} required={kind === "BASIC"} onChange={(event) => setBack(event.target.value)} className={fieldClass} />
        </div>
        {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
        <div className="flex gap-3">
          <Button type="submit" disabled={pending}>{noteId ? "Save changes" : "Add note"}</Button>
          <Button type="button" variant="secondary" onClick={() => router.push("/cards")}>{noteId ? "Cancel" : "Done"}</Button>
        </div>
      </form>

      <section aria-labelledby={`${ids}-preview`} className="space-y-3">
        <h2 id={`${ids}-preview`} className="text-lg font-semibold">Preview{cards.length > 1 ? ` · ${cards.length} cards` : ""}</h2>
        {cards.length ? (
          <ol className="space-y-3">
            {cards.map((card) => (
              <li key={card.label} className="rounded-lg border border-slate-200 p-4 dark:border-slate-700" aria-label={card.label}>
                <p className="mb-2 text-xs font-semibold tracking-wide text-slate-600 uppercase dark:text-slate-400">{card.label}</p>
                <Markdown>{card.front}</Markdown>
                <hr className="my-3 border-slate-200 dark:border-slate-700" />
                <Markdown className="text-slate-700 dark:text-slate-300">{card.back || "—"}</Markdown>
              </li>
            ))}
          </ol>
        ) : (
          <p className="text-sm text-slate-600 dark:text-slate-400">{kind === "CLOZE" ? "Add a deletion such as {{c1::answer}} to see the cards." : "Write the front to see the card."}</p>
        )}
      </section>
    </div>
  );
}
