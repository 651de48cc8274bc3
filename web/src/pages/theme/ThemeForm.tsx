import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ThemeDetail } from '../../../../contract/themes.js';
import { DateInput } from '../../components/DateInput.js';
import { ErrorMessage, fieldError } from '../../components/ErrorMessage.js';
import { Field } from '../../components/Field.js';

/** The limits of contract/themes.ts (THEME_LIMITS), checked here too so a person hears at once. */
const MAX = { title: 200, question: 2_000, why: 5_000 } as const;

export type ThemeFormValues = {
  title: string;
  question: string;
  why: string;
  endsAt: string | null;
  ownerHandle?: string;
};

/** yyyy-mm-dd of a moment in the reader's own time zone, for a date input. */
const dateInput = (iso: string | null) => {
  if (!iso) return '';
  const at = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
};
/** The end of the chosen day in the reader's time zone: "ends on the 3rd" includes the 3rd. */
const endOfDay = (date: string) => (date ? new Date(`${date}T23:59:59`).toISOString() : null);

/** Opening or editing a theme: title, question, why, end date; admins may name the owning leader. */
export function ThemeForm({
  initial,
  canNameOwner,
  submitLabel,
  pending,
  error,
  onSubmit,
  onCancel,
}: {
  initial?: ThemeDetail;
  canNameOwner: boolean;
  submitLabel: string;
  pending: boolean;
  error: unknown;
  onSubmit: (values: ThemeFormValues) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [title, setTitle] = useState(initial?.title ?? '');
  const [question, setQuestion] = useState(initial?.question ?? '');
  const [why, setWhy] = useState(initial?.why ?? '');
  const [endsOn, setEndsOn] = useState(dateInput(initial?.endsAt ?? null));
  const [owner, setOwner] = useState('');
  const [checks, setChecks] = useState<Record<string, string>>({});

  const check = (value: string, max: number, required: boolean) => {
    if (required && !value.trim()) return t('themes.form.required');
    if (value.trim().length > max) return t('themes.form.tooLong', { max });
    return undefined;
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = Object.fromEntries(
      Object.entries({
        title: check(title, MAX.title, true),
        question: check(question, MAX.question, true),
        why: check(why, MAX.why, false),
      }).filter(([, message]) => message),
    ) as Record<string, string>;
    setChecks(found);
    if (Object.keys(found).length > 0) return;
    onSubmit({
      title: title.trim(),
      question: question.trim(),
      why: why.trim(),
      endsAt: endOfDay(endsOn),
      ...(canNameOwner && owner.trim() ? { ownerHandle: owner.trim().replace(/^@/, '') } : {}),
    });
  };
  const errorFor = (field: string) => checks[field] ?? fieldError(error, field);

  return (
    <form className="form" onSubmit={submit} noValidate>
      <Field label={t('themes.form.title')} hint={t('themes.form.titleHint')} error={errorFor('title')}>
        <input value={title} onChange={(event) => setTitle(event.target.value)} maxLength={MAX.title + 50} />
      </Field>
      <Field
        label={t('themes.form.question')}
        hint={t('themes.form.questionHint')}
        error={errorFor('question')}
      >
        <textarea rows={3} value={question} onChange={(event) => setQuestion(event.target.value)} />
      </Field>
      <Field label={t('themes.form.why')} hint={t('themes.form.whyHint')} error={errorFor('why')}>
        <textarea rows={4} value={why} onChange={(event) => setWhy(event.target.value)} />
      </Field>
      <Field label={t('themes.form.endsAt')} hint={t('themes.form.endsAtHint')} error={errorFor('endsAt')}>
        <DateInput value={endsOn} onChange={setEndsOn} />
      </Field>
      {canNameOwner && (
        <Field
          label={t('themes.form.owner')}
          hint={t('themes.form.ownerHint')}
          error={errorFor('ownerHandle')}
        >
          <input value={owner} onChange={(event) => setOwner(event.target.value)} autoComplete="off" />
        </Field>
      )}
      <ErrorMessage error={error} />
      <div className="actions">
        <button type="button" className="button secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="button primary" disabled={pending}>
          {submitLabel}
        </button>
      </div>
    </form>
  );
}
