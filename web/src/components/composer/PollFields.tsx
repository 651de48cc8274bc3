import { useTranslation } from 'react-i18next';
import { POLL_LIMITS } from '../../api/polls.js';
import { Field } from '../Field.js';
import type { Draft } from './draft.js';

type Poll = Draft['poll'];

/** A poll's options (two to twenty), single or multiple choice, anonymity and an optional closing time. */
export function PollFields({
  value,
  onChange,
  error,
}: {
  value: Poll;
  onChange: (poll: Poll) => void;
  error?: string;
}) {
  const { t } = useTranslation();
  const change = (patch: Partial<Poll>) => onChange({ ...value, ...patch });
  const setOption = (index: number, label: string) =>
    change({ options: value.options.map((option, i) => (i === index ? label : option)) });
  return (
    <fieldset className="poll-fields">
      <legend>{t('polls.options')}</legend>
      <ol className="poll-option-inputs">
        {value.options.map((option, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: options are edited in place, by position
          <li key={index} className="poll-option-input">
            <input
              type="text"
              aria-label={t('polls.option', { number: index + 1 })}
              value={option}
              maxLength={POLL_LIMITS.optionLength}
              onChange={(event) => setOption(index, event.target.value)}
            />
            {value.options.length > POLL_LIMITS.minOptions && (
              <button
                type="button"
                className="button secondary small"
                aria-label={t('polls.removeOption', { number: index + 1 })}
                onClick={() => change({ options: value.options.filter((_, i) => i !== index) })}
              >
                ×
              </button>
            )}
          </li>
        ))}
      </ol>
      {value.options.length < POLL_LIMITS.maxOptions && (
        <button
          type="button"
          className="button secondary small"
          onClick={() => change({ options: [...value.options, ''] })}
        >
          {t('polls.addOption')}
        </button>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <label className="check">
        <input
          type="checkbox"
          checked={value.multiple}
          onChange={(event) => change({ multiple: event.target.checked })}
        />
        {t('polls.multiple')}
      </label>
      <label className="check">
        <input
          type="checkbox"
          checked={value.anonymous}
          onChange={(event) => change({ anonymous: event.target.checked })}
        />
        {t('polls.anonymous')}
      </label>
      <Field label={t('polls.closesAt')} hint={t('polls.closesAtHint')}>
        <input
          type="datetime-local"
          value={value.closesAt}
          onChange={(event) => change({ closesAt: event.target.value })}
        />
      </Field>
    </fieldset>
  );
}
