"use client";
// eci-profile `selectors` (a JSON array inside a string): a structured editor, or the JSON itself with every
// problem pointed at by line, column and path. A format error there would make the add-on ignore the whole profile.
import { useTranslations } from "next-intl";
import { useState } from "react";
import { formatSelectorsJson, parseSelectorsJson, type EciSelector, type SelectorsProblem } from "@/lib/eci-profile";
import { messagesUnder, type FieldMessage } from "@/lib/eci-profile";
import { FieldNotes } from "./field-notes";
import { SelectorCard } from "./selector-card";

export function SelectorsEditor({
  value,
  onChange,
  errors,
  onJsonInvalid,
}: {
  value: EciSelector[];
  onChange: (s: EciSelector[]) => void;
  errors: FieldMessage[];
  /** While the JSON text does not parse, the form must not save the last valid selectors as if they were it. */
  onJsonInvalid: (invalid: boolean) => void;
}) {
  const t = useTranslations("eciProfile.selectors");
  const translate = useTranslations();
  const where = (p: SelectorsProblem) =>
    p.path ? t("whereAt", { line: p.line, column: p.column, path: p.path, message: p.message }) : t("where", { line: p.line, column: p.column, message: p.message });
  const [text, setText] = useState<string | null>(null); // null: structured view
  const parsed = text === null ? undefined : parseSelectorsJson(text, translate);

  const editText = (next: string) => {
    setText(next);
    const result = parseSelectorsJson(next, translate);
    onJsonInvalid(!result.ok);
    if (result.ok) onChange(result.selectors);
  };
  const unique = (base: string) => {
    let n = value.length + 1;
    while (value.some((s) => s.name === `${base}-${n}`)) n++;
    return `${base}-${n}`;
  };
  const at = (i: number) => messagesUnder(errors, `selectors.${i}`).map((m) => m.message);

  return (
    <fieldset className="space-y-2">
      <legend className="font-semibold">{t("legend", { count: value.length })}</legend>
      <p className="text-sm text-slate-600">{t("help")}</p>
      <fieldset className="flex gap-2 text-sm" aria-label={t("viewLabel")}>
        <button
          type="button"
          aria-pressed={text === null}
          disabled={parsed !== undefined && !parsed.ok}
          onClick={() => setText(null)}
          title={parsed && !parsed.ok ? t("fixJsonFirst") : undefined}
          className="rounded border border-slate-300 px-2 aria-pressed:bg-slate-200 disabled:opacity-40"
        >
          {t("formView")}
        </button>
        <button
          type="button"
          aria-pressed={text !== null}
          onClick={() => setText(formatSelectorsJson(value))}
          className="rounded border border-slate-300 px-2 aria-pressed:bg-slate-200"
        >
          {t("jsonView")}
        </button>
      </fieldset>
      <FieldNotes
        errors={messagesUnder(errors, "selectors")
          .filter((m) => m.field === "selectors")
          .map((m) => m.message)}
      />
      {text === null ? (
        <>
          <ol className="space-y-2">
            {value.map((s, i) => (
              <SelectorCard
                // biome-ignore lint/suspicious/noArrayIndexKey: names may repeat or be empty mid-edit; the place is the identity
                key={i}
                index={i}
                selector={s}
                errors={at(i)}
                onChange={(next) => onChange(value.map((old, j) => (j === i ? next : old)))}
                onRemove={() => onChange(value.filter((_, j) => j !== i))}
              />
            ))}
          </ol>
          <button
            type="button"
            onClick={() => onChange([...value, { name: unique("selector"), objectSelector: { matchLabels: { "alibabacloud.com/eci": "true" } } }])}
            className="text-sm text-sky-700 underline"
          >
            {t("add")}
          </button>
        </>
      ) : (
        <div className="space-y-1">
          <label className="block text-sm">
            <span className="text-slate-600">{t("jsonLabel")}</span>
            <textarea
              value={text}
              onChange={(e) => editText(e.target.value)}
              rows={Math.min(24, Math.max(6, text.split("\n").length + 1))}
              spellCheck={false}
              aria-invalid={parsed !== undefined && !parsed.ok}
              aria-describedby="selectors-json-problems"
              className="mt-1 block w-full rounded border border-slate-300 p-2 font-mono text-xs"
            />
          </label>
          <div id="selectors-json-problems">
            {parsed && !parsed.ok && <FieldNotes errors={parsed.errors.map(where)} />}
            {parsed?.ok && <FieldNotes warnings={parsed.warnings.map(where)} />}
          </div>
        </div>
      )}
    </fieldset>
  );
}
