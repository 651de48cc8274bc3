import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { ThreadEvent } from '../../../../contract/calendar.js';
import type { ThreadDetail } from '../../../../contract/threads.js';
import { eventKeys, eventsApi } from '../../api/polls.js';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { Skeleton } from '../../components/Skeleton.js';
import { useFormat } from '../../i18n/format.js';

const ANSWERS = ['going', 'maybe', 'not'] as const;

/** An event on its thread page: when (in the reader's own zone), where, who comes; RSVP and a calendar file. */
export function EventPanel({ thread }: { thread: ThreadDetail }) {
  const event = useQuery({ queryKey: eventKeys.event(thread.id), queryFn: () => eventsApi.get(thread.id) });
  if (event.isPending) return <Skeleton lines={3} />;
  if (event.isError) return <ErrorMessage error={event.error} />;
  return <EventView event={event.data} />;
}

function EventView({ event }: { event: ThreadEvent }) {
  const { t } = useTranslation();
  const format = useFormat();
  const client = useQueryClient();
  const headingId = useId();
  const answer = useMutation({
    mutationFn: (value: (typeof ANSWERS)[number]) => eventsApi.rsvp(event.threadId, value),
    onSuccess: (next) => client.setQueryData(eventKeys.event(event.threadId), next),
  });
  const ownZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const counts = { going: event.going, maybe: event.maybe, not: event.notGoing };
  return (
    <section className="card event-panel" aria-labelledby={headingId}>
      <h2 id={headingId} className="section-title">
        {t('events.panel')}
      </h2>
      <dl className="event-facts">
        <dt>{t('events.when')}</dt>
        <dd>
          <time dateTime={event.startsAt}>{format.dateTime(event.startsAt)}</time> –{' '}
          <time dateTime={event.endsAt}>{format.dateTime(event.endsAt)}</time>
          <span className="muted small"> ({t('events.yourZone', { zone: ownZone })})</span>
          {event.timeZone !== ownZone && (
            <span className="muted small"> · {t('events.plannedIn', { zone: event.timeZone })}</span>
          )}
        </dd>
        {event.place && (
          <>
            <dt>{t('events.where')}</dt>
            <dd>{event.place}</dd>
          </>
        )}
        {event.onlineUrl && (
          <>
            <dt>{t('events.online')}</dt>
            <dd>
              <a href={event.onlineUrl} target="_blank" rel="noopener noreferrer">
                {event.onlineUrl}
              </a>
            </dd>
          </>
        )}
      </dl>
      <fieldset className="event-rsvp" disabled={!event.canRsvp || answer.isPending}>
        <legend>{t('events.rsvp')}</legend>
        <div className="chips">
          {ANSWERS.map((value) => (
            <button
              key={value}
              type="button"
              className={event.myAnswer === value ? 'button primary small' : 'button secondary small'}
              aria-pressed={event.myAnswer === value}
              onClick={() => answer.mutate(value)}
            >
              {t(`events.answer.${value}`)} · {counts[value]}
            </button>
          ))}
        </div>
      </fieldset>
      <ErrorMessage error={answer.error} />
      <p>
        <a className="button secondary small" href={eventsApi.icsUrl(event.threadId)} download>
          {t('events.addToCalendar')}
        </a>
      </p>
    </section>
  );
}
