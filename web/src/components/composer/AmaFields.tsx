import { useTranslation } from 'react-i18next';
import { Field } from '../Field.js';
import type { Draft } from './draft.js';

type Ama = Draft['ama'];

/** When an AMA goes live and when it ends, in the host's own time zone. */
export function AmaFields({
  value,
  onChange,
  error,
}: {
  value: Ama;
  onChange: (ama: Ama) => void;
  error?: string;
}) {
  const { t } = useTranslation();
  return (
    <fieldset className="ama-fields">
      <legend>{t('amas.panel')}</legend>
      <p className="hint">{t('amas.periodHint')}</p>
      <Field label={t('amas.startsAt')}>
        <input
          type="datetime-local"
          value={value.startsAt}
          onChange={(event) => onChange({ ...value, startsAt: event.target.value })}
        />
      </Field>
      <Field label={t('amas.endsAt')} error={error}>
        <input
          type="datetime-local"
          value={value.endsAt}
          onChange={(event) => onChange({ ...value, endsAt: event.target.value })}
        />
      </Field>
    </fieldset>
  );
}
