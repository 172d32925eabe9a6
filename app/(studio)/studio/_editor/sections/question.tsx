"use client";

import { QUESTION_TYPES, type SectionType } from "@/lib/content/schema";
import { SECTION_LABEL } from "@/lib/content/structure";
import { newItem, newQuestion, type QuestionDraft, type QuestionOf, type QuestionType } from "../draft";
import { CheckboxField, KeyNote, MarkdownField, NumberField, SelectField, TextAreaField, TextField } from "../fields";
import { arrayOps, ListEditor, replaceAt } from "../list-editor";
import { useProblems } from "../problems";
import { StringListField } from "../string-list";

const TYPE_LABEL: Record<QuestionType, string> = {
  "single-choice": "Single choice",
  "multiple-select": "Multiple select",
  "true-false": "True or false",
  "short-text": "Short text",
  numeric: "Numeric",
  ordering: "Ordering",
  matching: "Matching",
  cloze: "Cloze (fill the blanks)",
};
const typeChoices = QUESTION_TYPES.map((type) => ({ value: type, label: TYPE_LABEL[type] }));

type Path = (string | number)[];

/** One quiz question: the shared fields, then those of its type. */
export function QuestionEditor({ question, path, onChange, lessonSections }: { question: QuestionDraft; path: Path; onChange: (question: QuestionDraft) => void; lessonSections: SectionType[] }) {
  const teachesChoices = lessonSections.filter((type) => type !== "quiz").map((type) => ({ value: type, label: SECTION_LABEL[type] }));
  return (
    <div className="space-y-4">
      <KeyNote path={[...path, "key"]} value={question.key} />
      <SelectField
        label="Question type"
        path={[...path, "type"]}
        value={question.type}
        choices={typeChoices}
        hint="Changing the type keeps the prompt, explanation and points."
        onChange={(type) => type && type !== question.type && onChange(newQuestion(type, question))}
      />
      <TextAreaField label="Prompt" rows={2} path={[...path, "prompt"]} value={question.prompt} onChange={(prompt) => onChange({ ...question, prompt: prompt ?? "" })} />
      <AnswerFields question={question} path={path} onChange={onChange} />
      <MarkdownField label="Explanation" hint="Shown after the learner answers. Markdown." path={[...path, "explanation"]} value={question.explanation} onChange={(explanation) => onChange({ ...question, explanation: explanation ?? "" })} />
      <div className="grid gap-4 sm:grid-cols-2">
        <NumberField label="Points" path={[...path, "points"]} min={1} value={question.points} onChange={(points) => onChange({ ...question, points })} />
        <SelectField label="Taught by section" optional path={[...path, "teaches"]} value={question.teaches as SectionType | undefined} choices={teachesChoices} onChange={(teaches) => onChange({ ...question, teaches })} />
      </div>
    </div>
  );
}

function AnswerFields({ question, path, onChange }: { question: QuestionDraft; path: Path; onChange: (question: QuestionDraft) => void }) {
  switch (question.type) {
    case "single-choice":
    case "multiple-select":
      return <ChoiceOptions question={question} path={path} onChange={onChange} />;
    case "true-false":
      return <TrueFalseAnswer question={question} path={path} onChange={onChange} />;
    case "short-text":
      return (
        <StringListField
          label="Accepted answer"
          noun="accepted answer"
          hint="Compared ignoring case, extra spaces and accents."
          path={[...path, "accepted"]}
          items={question.accepted}
          onChange={(accepted) => onChange({ ...question, accepted })}
        />
      );
    case "numeric":
      return (
        <div className="grid gap-4 sm:grid-cols-3">
          <NumberField label="Answer" step="any" path={[...path, "answer"]} value={question.answer} onChange={(answer) => onChange({ ...question, answer })} />
          <NumberField label="Tolerance (±)" step="any" min={0} path={[...path, "tolerance"]} value={question.tolerance} onChange={(tolerance) => onChange({ ...question, tolerance })} />
          <TextField label="Unit" optional path={[...path, "unit"]} value={question.unit} onChange={(unit) => onChange({ ...question, unit })} />
        </div>
      );
    case "ordering":
      return (
        <StringListField
          label="Item"
          noun="item"
          hint="In the correct order; learners see them shuffled."
          path={[...path, "items"]}
          items={question.items}
          onChange={(items) => onChange({ ...question, items })}
        />
      );
    case "matching":
      return <MatchingPairs question={question} path={path} onChange={onChange} />;
    case "cloze":
      return (
        <TextAreaField
          label="Text with blanks"
          hint="Write each blank as [[answer]], or [[answer|alternative]] to accept several."
          path={[...path, "text"]}
          value={question.text}
          onChange={(text) => onChange({ ...question, text: text ?? "" })}
        />
      );
  }
}

function ChoiceOptions({ question, path, onChange }: { question: QuestionOf<"single-choice" | "multiple-select">; path: Path; onChange: (question: QuestionDraft) => void }) {
  const optionsPath = [...path, "options"];
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium">Options</legend>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        {question.type === "single-choice" ? "Mark exactly one option correct." : "Mark every correct option."}
      </p>
      <ListEditor
        path={optionsPath}
        items={question.options}
        noun="option"
        {...arrayOps(question.options, (options) => onChange({ ...question, options }), newItem.choice)}
        renderItem={(option, o) => {
          const optionPath = [...optionsPath, o];
          const update = (next: typeof option) => onChange({ ...question, options: replaceAt(question.options, o, next) });
          return (
            <>
              <KeyNote path={[...optionPath, "key"]} value={option.key} />
              <TextField label="Option text" path={[...optionPath, "text"]} value={option.text} onChange={(text) => update({ ...option, text: text ?? "" })} />
              <CheckboxField label="Correct" path={[...optionPath, "correct"]} checked={option.correct ?? false} onChange={(correct) => update({ ...option, correct })} />
            </>
          );
        }}
      />
    </fieldset>
  );
}

function TrueFalseAnswer({ question, path, onChange }: { question: QuestionOf<"true-false">; path: Path; onChange: (question: QuestionDraft) => void }) {
  const problems = useProblems([...path, "answer"]);
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium">The statement is</legend>
      <div className="flex gap-4">
        {([true, false] as const).map((answer) => (
          <label key={String(answer)} className="flex items-center gap-2 text-sm">
            <input type="radio" name={`${path.join("-")}-answer`} checked={question.answer === answer} onChange={() => onChange({ ...question, answer })} />
            {answer ? "True" : "False"}
          </label>
        ))}
      </div>
      {problems.length ? <p className="text-sm text-red-700 dark:text-red-400">{problems.join(" ")}</p> : null}
    </fieldset>
  );
}

function MatchingPairs({ question, path, onChange }: { question: QuestionOf<"matching">; path: Path; onChange: (question: QuestionDraft) => void }) {
  const pairsPath = [...path, "pairs"];
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium">Pairs</legend>
      <ListEditor
        path={pairsPath}
        items={question.pairs}
        noun="pair"
        {...arrayOps(question.pairs, (pairs) => onChange({ ...question, pairs }), newItem.pair)}
        renderItem={(pair, p) => {
          const update = (next: typeof pair) => onChange({ ...question, pairs: replaceAt(question.pairs, p, next) });
          return (
            <div className="grid gap-3 sm:grid-cols-2">
              <TextField label="Left" path={[...pairsPath, p, "left"]} value={pair.left} onChange={(left) => update({ ...pair, left: left ?? "" })} />
              <TextField label="Matches" path={[...pairsPath, p, "right"]} value={pair.right} onChange={(right) => update({ ...pair, right: right ?? "" })} />
            </div>
          );
        }}
      />
    </fieldset>
  );
}
