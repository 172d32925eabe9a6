"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { useState } from "react";
import type { AppRouter } from "@/server/router";
import { Alert } from "@/app/_components/alert";
import { Button } from "@/app/_components/button";
import { useTRPC } from "@/app/_trpc/client";
import { errorMessage } from "@/app/_trpc/errors";

type Target = { fitId: string } | { defaults: true };

const number = new Intl.NumberFormat("en");
const dateOf = (value: Date | string | null) => (value ? new Date(value).toLocaleDateString("en", { year: "numeric", month: "short", day: "numeric" }) : "");
const fixed = (value: number | null | undefined, digits = 4) => (value == null || Number.isNaN(value) ? "—" : value.toFixed(digits));

/**
 * "Your memory model": optimize FSRS's parameters on your own reviews, the evidence of the fit
 * (held-out log loss and RMSE against what you use now), the workload change before you switch,
 * the history of fits, and the way back to the defaults.
 */
export function MemoryModel() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const model = useQuery({
    ...trpc.review.memoryModel.queryOptions(),
    // Poll while a fit is queued or running, for its progress.
    refetchInterval: (query) => (query.state.data?.active ? 1000 : false),
  });
  const [target, setTarget] = useState<Target | null>(null);
  const optimize = useMutation(trpc.review.optimize.mutationOptions({ onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.review.memoryModel.queryKey() }) }));

  if (model.isPending) return <p className="text-sm text-slate-600 dark:text-slate-400">Loading your memory model…</p>;
  if (model.error) return <Alert>{errorMessage(model.error)}</Alert>;
  const data = model.data;
  const active = data.active;
  const latest = data.fits.find((fit) => fit.status === "SUCCEEDED" || fit.status === "FAILED") ?? null;
  const usingFit = data.fits.find((fit) => fit.id === data.usingFitId);

  return (
    <div className="space-y-5">
      <p className="text-sm">
        {data.using === "fitted" && usingFit
          ? `Your cards are scheduled with parameters fitted to your own ${number.format(usingFit.trainableCount)} reviews on ${dateOf(usingFit.finishedAt)}.`
          : "Your cards are scheduled with FSRS's default parameters, fitted to millions of other learners' reviews."}{" "}
        Optimizing fits FSRS&apos;s 21 parameters to your review history and shows how well they predict the reviews they were not fitted on, before anything changes.
      </p>
      {data.needed > 0 ? (
        <p className="text-sm" id="optimize-needs">
          Optimizing needs {data.minReviews} reviews of cards on a later day than their previous review; you have {number.format(data.trainable)}, so{" "}
          {number.format(data.needed)} more {data.needed === 1 ? "is" : "are"} needed.
        </p>
      ) : null}
      {optimize.error ? <Alert>{errorMessage(optimize.error)}</Alert> : null}
      {active ? (
        <div className="space-y-1" role="status">
          <label htmlFor="fit-progress" className="block text-sm font-medium">
            {active.status === "QUEUED" ? "Waiting for a worker to start the fit…" : `Fitting your parameters: ${Math.round(active.progress * 100)}%`}
          </label>
          <progress id="fit-progress" max={1} value={active.status === "QUEUED" ? undefined : active.progress} className="w-full" />
        </div>
      ) : (
        <Button type="button" onClick={() => optimize.mutate()} disabled={optimize.isPending || data.needed > 0} aria-describedby={data.needed > 0 ? "optimize-needs" : undefined}>
          {optimize.isPending ? "Starting…" : "Optimize my parameters"}
        </Button>
      )}

      {latest && !active ? <FitEvidence fit={latest} using={data.usingFitId} onSwitch={(fitId) => setTarget({ fitId })} /> : null}
      {data.using === "fitted" && !target ? (
        <Button type="button" variant="secondary" onClick={() => setTarget({ defaults: true })}>
          Go back to the default parameters…
        </Button>
      ) : null}
      {target ? <SwitchPreview target={target} onDone={() => setTarget(null)} /> : null}
      {data.fits.length ? <FitHistory fits={data.fits} usingFitId={data.usingFitId} /> : null}
    </div>
  );
}

type Fit = inferRouterOutputs<AppRouter>["review"]["memoryModel"]["fits"][number];

function FitEvidence({ fit, using, onSwitch }: { fit: Fit; using: string | null; onSwitch: (fitId: string) => void }) {
  if (fit.status === "FAILED") return <Alert tone="warning">The last fit, on {dateOf(fit.requestedAt)}, did not finish: {fit.error}</Alert>;
  const baselineIsDefault = fit.baseline.length === 0;
  const gain = fit.baselineLogLoss && fit.fittedLogLoss ? ((fit.baselineLogLoss - fit.fittedLogLoss) / fit.baselineLogLoss) * 100 : 0;
  return (
    <section aria-labelledby="fit-evidence" className="space-y-3 rounded-md border border-slate-200 p-4 dark:border-slate-700">
      <h3 id="fit-evidence" className="font-semibold">
        Fit of {dateOf(fit.finishedAt)} ({number.format(fit.trainableCount)} reviews{fit.trigger === "automatic" ? ", automatic" : ""})
      </h3>
      <p className="text-sm">
        The fit was tested the honest way: trained on your earlier reviews only, then asked to predict the {number.format(fit.heldOutCount ?? 0)} later ones it had not
        seen. Lower numbers are better. Log loss measures how surprised the model is by what you actually remembered; RMSE (bins) measures how far its predicted recall
        rates are from your real ones.
      </p>
      <table className="text-left text-sm">
        <caption className="sr-only">Prediction error on your later reviews</caption>
        <thead>
          <tr>
            <th scope="col" className="pr-6">Parameters</th>
            <th scope="col" className="pr-6">Log loss</th>
            <th scope="col">RMSE (bins)</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row" className="pr-6 font-normal">Fitted to your reviews</th>
            <td className="pr-6">{fixed(fit.fittedLogLoss)}</td>
            <td>{fixed(fit.fittedRmse)}</td>
          </tr>
          <tr>
            <th scope="row" className="pr-6 font-normal">{baselineIsDefault ? "FSRS defaults (what you use now)" : "Your current fitted parameters"}</th>
            <td className="pr-6">{fixed(fit.baselineLogLoss)}</td>
            <td>{fixed(fit.baselineRmse)}</td>
          </tr>
          {baselineIsDefault ? null : (
            <tr>
              <th scope="row" className="pr-6 font-normal">FSRS defaults</th>
              <td className="pr-6">{fixed(fit.defaultLogLoss)}</td>
              <td>{fixed(fit.defaultRmse)}</td>
            </tr>
          )}
        </tbody>
      </table>
      {fit.better ? (
        <>
          <p className="text-sm" data-testid="fit-verdict">
            The fitted parameters predicted your later reviews better ({gain.toFixed(1)}% lower log loss).
            {fit.adoptedAt && !fit.retiredAt ? " You are using them." : ""}
          </p>
          {fit.id !== using ? (
            <Button type="button" onClick={() => onSwitch(fit.id)}>
              Use these parameters…
            </Button>
          ) : null}
        </>
      ) : (
        <p className="text-sm" data-testid="fit-verdict">
          The fitted parameters predicted your later reviews no better than the ones you use, so they were not adopted and nothing changed.
        </p>
      )}
    </section>
  );
}

function SwitchPreview({ target, onDone }: { target: Target; onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const preview = useQuery({ ...trpc.review.previewSwitch.queryOptions({ target }), staleTime: 0, gcTime: 0 });
  const apply = useMutation(
    trpc.review.switchParameters.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.review.pathKey() });
        onDone();
      },
    }),
  );
  const label = "defaults" in target ? "the default parameters" : "the fitted parameters";
  return (
    <section aria-labelledby="switch-preview" className="space-y-3 rounded-md border border-brand-100 p-4 dark:border-brand-700">
      <h3 id="switch-preview" className="font-semibold">Switch to {label}?</h3>
      {preview.isPending ? <p className="text-sm">Replaying your review history with {label}…</p> : null}
      {preview.error ? <Alert>{errorMessage(preview.error)}</Alert> : null}
      {apply.error ? <Alert>{errorMessage(apply.error)}</Alert> : null}
      {preview.data ? (
        <>
          <p className="text-sm">
            Every card&apos;s memory state is recomputed from its own review history with {label}, and its due date moves to where FSRS would have put it.{" "}
            {number.format(preview.data.cardsMoved)} {preview.data.cardsMoved === 1 ? "card moves" : "cards move"}.
          </p>
          <table className="text-left text-sm">
            <caption className="sr-only">Cards due before and after the switch</caption>
            <thead>
              <tr>
                <th scope="col" className="pr-6">Due</th>
                <th scope="col" className="pr-6">Now</th>
                <th scope="col">After the switch</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row" className="pr-6 font-normal">Today</th>
                <td className="pr-6">{number.format(preview.data.today.before)}</td>
                <td data-testid="due-today-after">{number.format(preview.data.today.after)}</td>
              </tr>
              <tr>
                <th scope="row" className="pr-6 font-normal">Next 7 days</th>
                <td className="pr-6">{number.format(preview.data.week.before)}</td>
                <td>{number.format(preview.data.week.after)}</td>
              </tr>
            </tbody>
          </table>
          <div className="flex gap-3">
            <Button type="button" disabled={apply.isPending} onClick={() => apply.mutate({ target, settingsVersion: preview.data.settingsVersion })}>
              {apply.isPending ? "Rescheduling…" : "Confirm and reschedule"}
            </Button>
            <Button type="button" variant="secondary" onClick={onDone} disabled={apply.isPending}>
              Cancel
            </Button>
          </div>
        </>
      ) : null}
    </section>
  );
}

function FitHistory({ fits, usingFitId }: { fits: Fit[]; usingFitId: string | null }) {
  return (
    <details className="text-sm">
      <summary className="cursor-pointer">History of fits ({fits.length})</summary>
      <table className="mt-2 text-left">
        <caption className="sr-only">Your fits, newest first</caption>
        <thead>
          <tr>
            <th scope="col" className="pr-4">Requested</th>
            <th scope="col" className="pr-4">Reviews</th>
            <th scope="col" className="pr-4">Log loss: fitted / compared with</th>
            <th scope="col">Outcome</th>
          </tr>
        </thead>
        <tbody>
          {fits.map((fit) => (
            <tr key={fit.id}>
              <td className="pr-4">{dateOf(fit.requestedAt)}{fit.trigger === "automatic" ? " (automatic)" : ""}</td>
              <td className="pr-4">{number.format(fit.trainableCount)}</td>
              <td className="pr-4">{fit.status === "SUCCEEDED" ? `${fixed(fit.fittedLogLoss)} / ${fixed(fit.baselineLogLoss)}` : "—"}</td>
              <td>
                {fit.status === "QUEUED" || fit.status === "RUNNING"
                  ? "In progress"
                  : fit.status === "FAILED"
                    ? `Failed: ${fit.error ?? ""}`
                    : fit.id === usingFitId
                      ? "In use"
                      : fit.retiredAt
                        ? `Used until ${dateOf(fit.retiredAt)}`
                        : fit.better
                          ? "Better, not adopted"
                          : "Not better: kept the parameters in use"}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
