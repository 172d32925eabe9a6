"use client";

import { useEffect, useState } from "react";
import { modelCard, type ModelCard } from "@/lib/ml/model-card";

/** The pretrained base's model card: what it learned from, how long, and how well. */
export function ModelCardSummary({ baseModel }: { baseModel: string }) {
  const [card, setCard] = useState<ModelCard | null>(null);
  useEffect(() => {
    let cancelled = false;
    fetch(`/models/${baseModel}/card.json`)
      .then((response) => (response.ok ? response.json() : null))
      .then((json) => {
        if (!cancelled && json) setCard(modelCard.parse(json));
      })
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [baseModel]);
  if (!card) return null;
  return (
    <details className="rounded-md border border-slate-200 p-3 text-sm dark:border-slate-800">
      <summary className="cursor-pointer font-medium">Model card of the pretrained base ({card.id})</summary>
      <dl className="mt-2 grid gap-x-4 gap-y-1 sm:grid-cols-[max-content_1fr]">
        <dt className="font-medium">Source classes</dt>
        <dd>{card.classes.map((c) => c.name).join(", ")}</dd>
        <dt className="font-medium">Training data</dt>
        <dd>{card.data.train}</dd>
        <dt className="font-medium">Training</dt>
        <dd>
          {card.training.epochs} epochs, batch {card.training.batchSize}, Adam lr {card.training.learningRate}, seed {card.training.seed}, {card.training.backend} backend, {card.training.durationSeconds} s
        </dd>
        <dt className="font-medium">Test accuracy</dt>
        <dd>
          {card.evaluation
            ? `${(card.evaluation.testAccuracy * 100).toFixed(1)}% on ${card.evaluation.testSource} (measured ${card.evaluation.measuredAt.slice(0, 10)})`
            : `${(card.testAccuracy * 100).toFixed(1)}% on held-out images of the source classes`}
        </dd>
        {card.evaluation ? (
          <>
            <dt className="font-medium">How the lab measures</dt>
            <dd>
              <ul className="list-disc space-y-1 pl-5">
                {card.evaluation.protocol.map((sentence) => (
                  <li key={sentence}>{sentence}</li>
                ))}
              </ul>
            </dd>
          </>
        ) : null}
        <dt className="font-medium">Licence</dt>
        <dd>{card.license}</dd>
      </dl>
    </details>
  );
}
