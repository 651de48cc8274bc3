import { useTranslation } from 'react-i18next';
import { EVENT_LIMITS } from '../../api/polls.js';
import { Field } from '../Field.js';
import type { Draft } from './draft.js';

type Event = Draft['event'];

/** When an event starts and ends (in the writer's own zone), and where: a place, an online link, or both. */
export function EventFields({
  value,
  onChange,
  error,
}: {
  value: Event;
  onChange: (event: Event) => void;
  error?: string;
}) {
  const { t } = useTranslation();
  const change = (patch: Partial<Event>) => onChange({ ...value, ...patch });
  return (
    <fieldset className="event-fields">
      <legend>{t('events.panel')}</legend>
      <p className="hint">
        {t('events.zoneHint', { zone: Intl.DateTimeFormat().resolvedOptions().timeZone })}
      </p>
      <Field label={t('events.startsAt')}>
        <input
          type="datetime-local"
          value={value.startsAt}
          onChange={(event) => change({ startsAt: event.target.value })}
        />
      </Field>
      <Field label={t('events.endsAt')}>
        <input
          type="datetime-local"
          value={value.endsAt}
          onChange={(event) => change({ endsAt: event.target.value })}
        />
      </Field>
      <Field label={t('events.place')}>
        <input
          type="text"
          value={value.place}
          maxLength={EVENT_LIMITS.placeLength}
          onChange={(event) => change({ place: event.target.value })}
        />
      </Field>
      <Field label={t('events.onlineUrl')} error={error}>
        <input
          type="url"
          value={value.onlineUrl}
          maxLength={EVENT_LIMITS.urlLength}
          onChange={(event) => change({ onlineUrl: event.target.value })}
        />
      </Field>
    </fieldset>
  );
}
