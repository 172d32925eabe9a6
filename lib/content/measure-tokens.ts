// Lesson sentences that state what the lab measured take the figure from the measurements file
// (public/models/<base>/measurements.json, written by `npm run ml:measure`) through a token, never
// as a typed number:
//
//   {measure: fashion-5-9/feature-extraction@5}                       → 83.7%  (mean test accuracy)
//   {measure: fashion-5-9/from-scratch@10/seconds}                    → 1.84 s (mean training time)
//   {measure: fashion-5-9/fine-tuning@10/vs/feature-extraction@10 | no clear difference}
//        → no clear difference (−0.4 points, 95% interval −1.2 to +0.5; ahead in 2 of 5 seeds)
//   {measure: fashion-5-9/data-ratio@5 | about 2×}                    → about 2×
//   {measure: fashion-5-9/test-images}  {measure: fashion-5-9/seeds}  {measure: fashion-cnn/base}
//
// A claim after `|` is checked against the stored interval by `content:check`: "clearly better"
// only when the paired 95% interval of a − b is above 0, "clearly worse" below, "no clear
// difference" when it contains 0; "about N×" when the data ratio is within 25% of N. General
// knowledge (not measured here) cites a source of content/sources.yaml with {cite: <key>}, rendered
// as "general knowledge, not measured in this lab" with the source's link.
import { z } from "zod";
import { dataRatio, findRow, type MeasuredComparison, type Measurements, type MeasuredTask } from "../ml/measurements";
import { STRATEGY_LABELS } from "../ml/strategies";
import { findLabTask } from "../ml/tasks";
import type { TransferStrategy } from "../ml/vocabulary";

export const MEASURE_TOKEN = /\{measure:\s*([^}|]*?)\s*(?:\|\s*([^}]*?)\s*)?\}/g;
export const CITE_TOKEN = /\{cite:\s*([^}]*?)\s*\}/g;

/** The measurements files by base model id (fashion-cnn, digits-cnn). */
export type MeasurementsByBase = Record<string, Measurements>;

export const source = z
  .object({
    key: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be lowercase words joined by hyphens"),
    /** How the source is named in a sentence, e.g. "Yosinski et al., 2014". */
    label: z.string().trim().min(1).max(120),
    title: z.string().trim().min(1).max(300),
    url: z.string().trim().regex(/^https?:\/\//, "must be an http(s) URL"),
  })
  .strict();
export const sourcesFile = z.object({ sources: z.array(source).min(1) }).strict();
export type Source = z.infer<typeof source>;

type Resolved = { text: string; comparison?: MeasuredComparison; ratio?: number | null } | { error: string };

const STRATEGY_IDS = Object.keys(STRATEGY_LABELS) as TransferStrategy[];
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const points = (x: number) => `${x >= 0 ? "+" : "−"}${Math.abs(x * 100).toFixed(1)}`;
const count = (n: number) => n.toLocaleString("en");

function parseCell(text: string): { strategy: TransferStrategy; k: number | "all" } | null {
  const match = /^([a-z-]+)@(\d+|all)$/.exec(text);
  if (!match || !STRATEGY_IDS.includes(match[1] as TransferStrategy)) return null;
  return { strategy: match[1] as TransferStrategy, k: match[2] === "all" ? "all" : Number(match[2]) };
}

function describeComparison(c: MeasuredComparison): string {
  return `${points(c.mean)} points, 95% interval ${points(c.low)} to ${points(c.high)}; ahead in ${c.wins} of ${c.n} seeds`;
}

/** Resolves a token's reference (the part before `|`) to the text it renders as, or why it cannot. */
export function resolveMeasure(reference: string, data: MeasurementsByBase): Resolved {
  const parts = reference.split("/").map((part) => part.trim());
  const [first, ...rest] = parts;
  if (!first) return { error: "names no measurement" };
  if (first in data && rest[0] === "base") {
    const base = data[first]!.base;
    if (!base) return { error: `${first}'s measurements have no accuracy of the base itself` };
    return rest[1] === "test-images" ? { text: count(base.testImages) } : { text: pct(base.testAccuracy) };
  }
  const labTask = findLabTask(first);
  if (!labTask) return { error: `"${first}" is neither a lab task nor a base model` };
  const file = data[labTask.baseModel];
  const task: MeasuredTask | undefined = file?.tasks.find((t) => t.taskId === first);
  if (!file || !task) return { error: `there are no measurements of ${first} (run \`npm run ml:measure -- ${first}\`)` };
  if (rest.length === 1 && rest[0] === "test-images") return { text: count(task.settings.testImages) };
  if (rest.length === 1 && rest[0] === "seeds") return { text: String(Math.max(...task.rows.map((row) => Object.keys(row.testAccuracy.bySeed).length))) };
  const ratio = /^data-ratio@(\d+)$/.exec(rest[0] ?? "");
  if (ratio && rest.length === 1) {
    const k = Number(ratio[1]);
    if (!findRow(task, "feature-extraction", k)) return { error: `${first} has no feature-extraction measurement at ${k}/class` };
    const r = dataRatio(task, k);
    if (r.compared === 0) return { error: `${first} has no from-scratch measurement at ${k}/class or more to compare with` };
    return { text: r.ratio === null ? "more than the largest size measured" : `${r.ratio.toFixed(r.ratio < 10 ? 1 : 0).replace(/\.0$/, "")}×`, ratio: r.ratio };
  }
  const cell = parseCell(rest[0] ?? "");
  if (!cell) return { error: `"${reference}" is not a measurement reference (expected <task>/<strategy>@<examples per class>[/accuracy|/seconds|/epochs|/vs/<strategy>@<n>])` };
  const row = findRow(task, cell.strategy, cell.k);
  if (!row) return { error: `${first} has no ${cell.strategy} measurement at ${cell.k}/class` };
  if (rest[1] === "vs") {
    const other = parseCell(rest[2] ?? "");
    if (!other || rest.length !== 3) return { error: `"${reference}" must end in /vs/<strategy>@<examples per class>` };
    const comparison = task.comparisons.find(
      (c) => c.a.strategy === cell.strategy && c.a.examplesPerClass === cell.k && c.b.strategy === other.strategy && c.b.examplesPerClass === other.k,
    );
    if (!comparison) return { error: `${first} has no paired comparison of ${cell.strategy}@${cell.k} with ${other.strategy}@${other.k}` };
    return { text: describeComparison(comparison), comparison };
  }
  if (rest.length > 2) return { error: `"${reference}" has too many parts` };
  switch (rest[1] ?? "accuracy") {
    case "accuracy":
      return { text: pct(row.testAccuracy.mean) };
    case "seconds":
      return { text: `${(row.durationMs.mean / 1000).toFixed(2)} s` };
    case "epochs":
      return { text: String(row.epochs) };
    default:
      return { error: `"${rest[1]}" is not a measured figure (accuracy, seconds, epochs, or vs/<strategy>@<n>)` };
  }
}

const VERDICT_CLAIMS = ["clearly better", "clearly worse", "no clear difference"] as const;

/** Why a claim's wording disagrees with what was measured; null when it agrees. */
export function claimProblem(claim: string, resolved: Exclude<Resolved, { error: string }>): string | null {
  const wording = claim.trim().toLowerCase();
  if (resolved.comparison) {
    if (!(VERDICT_CLAIMS as readonly string[]).includes(wording)) return `claim "${claim}" is not one of: ${VERDICT_CLAIMS.join(", ")}`;
    const c = resolved.comparison;
    return c.verdict === wording ? null : `claim "${claim}" disagrees with the stored interval (${describeComparison(c)}): that is "${c.verdict}"`;
  }
  if (resolved.ratio !== undefined) {
    const about = /^about (\d+(?:\.\d+)?)\s*(?:×|x|times)$/.exec(wording);
    if (!about) return `claim "${claim}" must read "about N×"`;
    const n = Number(about[1]);
    if (resolved.ratio === null) return `claim "${claim}" disagrees with the measurements: from scratch never caught up on the measured grid`;
    return Math.abs(resolved.ratio / n - 1) <= 0.25 ? null : `claim "${claim}" disagrees with the measured ratio of ${resolved.text}`;
  }
  return `a claim ("${claim}") can only follow a comparison (…/vs/…) or a data ratio`;
}

/** Problems of every {measure: …} and {cite: …} token in a text; [] when all resolve and agree. */
export function measureTokenIssues(text: string, data: MeasurementsByBase | undefined, sourceKeys: readonly string[] | undefined): string[] {
  const issues: string[] = [];
  for (const match of text.matchAll(MEASURE_TOKEN)) {
    if (!data) continue;
    const resolved = resolveMeasure(match[1]!, data);
    if ("error" in resolved) issues.push(`{measure: ${match[1]}}: ${resolved.error}`);
    else if (match[2] !== undefined) {
      const problem = claimProblem(match[2], resolved);
      if (problem) issues.push(`{measure: ${match[1]}}: ${problem}`);
    }
  }
  for (const match of text.matchAll(CITE_TOKEN)) {
    if (sourceKeys && !sourceKeys.includes(match[1]!)) issues.push(`{cite: ${match[1]}}: no source "${match[1]}" in content/sources.yaml`);
  }
  return issues;
}

/** The text with every token replaced by what it renders as (Markdown); an unresolvable token shows as "(figure missing)". */
export function renderMeasureTokens(text: string, data: MeasurementsByBase, sources: readonly Source[]): string {
  return text
    .replace(MEASURE_TOKEN, (_, reference: string, claim: string | undefined) => {
      const resolved = resolveMeasure(reference, data);
      if ("error" in resolved) return "(figure missing)";
      if (claim === undefined) return resolved.text;
      return resolved.comparison ? `${resolved.comparison.verdict} (${resolved.text})` : claim;
    })
    .replace(CITE_TOKEN, (_, key: string) => {
      const found = sources.find((s) => s.key === key);
      return found ? `(general knowledge, not measured in this lab: [${found.label}, *${found.title}*](${found.url}))` : "(source missing)";
    });
}

/** Every string inside a value (a lesson, a section) rendered with `renderMeasureTokens`. */
export function renderMeasureTokensDeep<T>(value: T, data: MeasurementsByBase, sources: readonly Source[]): T {
  if (typeof value === "string") return (value.includes("{measure:") || value.includes("{cite:") ? renderMeasureTokens(value, data, sources) : value) as T;
  if (Array.isArray(value)) return value.map((item) => renderMeasureTokensDeep(item, data, sources)) as T;
  if (value && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype)
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, renderMeasureTokensDeep(item, data, sources)])) as T;
  return value;
}
