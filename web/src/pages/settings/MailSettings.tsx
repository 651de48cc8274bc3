import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Channel, MailNoticeKind, MailPreferences } from '../../../../contract/mail.js';
import { CHANNELS, DIGESTS, MAIL_KINDS, mailApi, mailKeys } from '../../api/mail.js';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { Field } from '../../components/Field.js';
import { Skeleton } from '../../components/Skeleton.js';
import { communityPath, threadPath } from '../../lib/paths.js';

type Change = Parameters<typeof mailApi.update>[0];

/** What Plein mails me: a channel per kind of notice, the digest, quiet hours and what I muted. */
export function MailSettings() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const preferences = useQuery({ queryKey: mailKeys.preferences, queryFn: mailApi.preferences });
  const save = useMutation({
    mutationFn: (change: Change) => mailApi.update(change),
    onSuccess: (updated) => client.setQueryData(mailKeys.preferences, updated),
  });
  // A choice shows at once, in the render of the click, and stays until its own request settles.
  const [chosen, setChosen] = useState<Change | null>(null);
  const choose = (change: Change) => {
    setChosen(change);
    save.mutate(change, { onSettled: () => setChosen((current) => (current === change ? null : current)) });
  };
  const data = preferences.data;
  return (
    <section className="card" id="mail" aria-labelledby="mail-heading">
      <h2 id="mail-heading" className="card-title">
        {t('mail.settings.title')}
      </h2>
      <p className="muted small">{t('mail.settings.intro')}</p>
      {preferences.isPending && <Skeleton lines={4} />}
      <ErrorMessage error={preferences.error ?? save.error} />
      {data && (
        <>
          <fieldset className="radio-group">
            <legend className="card-title">{t('mail.settings.kindsLegend')}</legend>
            {MAIL_KINDS.map((kind) => (
              <KindChoice
                key={kind}
                kind={kind}
                value={chosen?.kinds?.[kind] ?? data.kinds[kind]}
                own={data.ownChoices.includes(kind)}
                onChange={(channel) => choose({ kinds: { [kind]: channel } })}
              />
            ))}
          </fieldset>
          <fieldset className="radio-group">
            <legend className="card-title">{t('mail.settings.digestLegend')}</legend>
            <p className="muted small">{t('mail.settings.digestHint')}</p>
            {DIGESTS.map((frequency) => (
              <label key={frequency} className="radio">
                <input
                  type="radio"
                  name="mail-digest"
                  value={frequency}
                  checked={(chosen?.digest ?? data.digest) === frequency}
                  onChange={() => choose({ digest: frequency })}
                />
                {t(`mail.digest.${frequency}`)}
              </label>
            ))}
          </fieldset>
          <QuietHours preferences={data} onSave={(quietHours) => choose({ quietHours })} />
          <Mutes preferences={data} />
        </>
      )}
    </section>
  );
}

function KindChoice({
  kind,
  value,
  own,
  onChange,
}: {
  kind: MailNoticeKind;
  value: Channel;
  own: boolean;
  onChange: (channel: Channel) => void;
}) {
  const { t } = useTranslation();
  return (
    <Field label={t(`mail.kinds.${kind}`)} hint={own ? undefined : t('mail.settings.default')}>
      <select
        name={`mail-${kind}`}
        value={value}
        onChange={(event) => onChange(event.target.value as Channel)}
      >
        {CHANNELS.map((channel) => (
          <option key={channel} value={channel}>
            {t(`mail.channels.${channel}`)}
          </option>
        ))}
      </select>
    </Field>
  );
}

const toTime = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
const toMinutes = (time: string) => {
  const [hours, minutes] = time.split(':').map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
};
const EVENING = 22 * 60;
const MORNING = 7 * 60;

/** Hours in the person's own time zone when mail waits; saved with its button, both ends at once. */
function QuietHours({
  preferences,
  onSave,
}: {
  preferences: MailPreferences;
  onSave: (hours: MailPreferences['quietHours']) => void;
}) {
  const { t } = useTranslation();
  const stored = preferences.quietHours;
  const [on, setOn] = useState(stored !== null);
  const [start, setStart] = useState(toTime(stored?.start ?? EVENING));
  const [end, setEnd] = useState(toTime(stored?.end ?? MORNING));
  useEffect(() => {
    setOn(stored !== null);
    if (stored) {
      setStart(toTime(stored.start));
      setEnd(toTime(stored.end));
    }
  }, [stored]);
  const same = on && start === end;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (same) return;
    onSave(on ? { start: toMinutes(start), end: toMinutes(end) } : null);
  };
  return (
    <form className="form" onSubmit={submit} noValidate aria-labelledby="quiet-heading">
      <h3 id="quiet-heading" className="card-title">
        {t('mail.settings.quietLegend')}
      </h3>
      <p className="muted small">{t('mail.settings.quietHint', { zone: preferences.timeZone })}</p>
      <label className="checkbox">
        <input type="checkbox" checked={on} onChange={(event) => setOn(event.target.checked)} />{' '}
        {t('mail.settings.quietOn')}
      </label>
      {on && (
        <div className="two">
          <Field label={t('mail.settings.quietFrom')}>
            <input type="time" value={start} onChange={(event) => setStart(event.target.value)} required />
          </Field>
          <Field
            label={t('mail.settings.quietUntil')}
            error={same ? t('mail.settings.quietSame') : undefined}
          >
            <input type="time" value={end} onChange={(event) => setEnd(event.target.value)} required />
          </Field>
        </div>
      )}
      <div className="actions">
        <button type="submit" className="button secondary small">
          {t('common.save')}
        </button>
      </div>
    </form>
  );
}

/** Threads and communities muted from their pages, each with its way back. */
function Mutes({ preferences }: { preferences: MailPreferences }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const unmute = useMutation({
    mutationFn: (mute: MailPreferences['mutes'][number]) =>
      mute.thread
        ? mailApi.muteThread(mute.thread.id, false)
        : mailApi.muteCommunity(mute.community?.slug ?? '', false),
    onSuccess: () => client.invalidateQueries({ queryKey: mailKeys.preferences }),
  });
  return (
    <div>
      <h3 className="card-title">{t('mail.settings.mutesTitle')}</h3>
      {preferences.mutes.length === 0 ? (
        <p className="muted small">{t('mail.settings.mutesNone')}</p>
      ) : (
        <ul className="stack" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {preferences.mutes.map((mute) => {
            const name = mute.thread?.title ?? mute.community?.name ?? '';
            const to = mute.thread
              ? threadPath(mute.thread.id, mute.thread.title)
              : communityPath(mute.community?.slug ?? '');
            return (
              <li
                key={mute.thread ? `t${mute.thread.id}` : `c${mute.community?.slug}`}
                style={{ display: 'flex', gap: '0.5rem', alignItems: 'center', flexWrap: 'wrap' }}
              >
                <span className="badge">
                  {mute.thread ? t('mail.settings.mutedThread') : t('mail.settings.mutedCommunity')}
                </span>
                <Link to={to} style={{ flex: '1 1 12rem', minWidth: 0, overflowWrap: 'anywhere' }}>
                  {name}
                </Link>
                <button
                  type="button"
                  className="button secondary small"
                  aria-label={t('mail.settings.unmute', { name })}
                  disabled={unmute.isPending}
                  onClick={() => unmute.mutate(mute)}
                >
                  {t('mail.settings.unmuteShort')}
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <ErrorMessage error={unmute.error} />
    </div>
  );
}
