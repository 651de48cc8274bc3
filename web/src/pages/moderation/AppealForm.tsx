import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Notification } from '../../../../contract/notifications.js';
import { moderationApi } from '../../api/moderation.js';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { Field } from '../../components/Field.js';
import { useFormat } from '../../i18n/format.js';

type Moderation = NonNullable<Notification['moderation']>;

/** What a moderator decided, why and until when, in the reader's language; and, once, an appeal. */
export function ModerationDetails({ moderation }: { moderation: Moderation }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <span className="notification-note">
      {t('moderation.reasonIs', { reason: t(`moderation.reasons.${moderation.reason}`, moderation.reason) })}
      {moderation.note && ` — “${moderation.note}”`}
      {moderation.until && ` · ${t('moderation.until', { date: format.dateTime(moderation.until) })}`}
    </span>
  );
}

export function AppealForm({ actionId }: { actionId: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [statement, setStatement] = useState('');
  const send = useMutation({ mutationFn: () => moderationApi.appeal(actionId, statement) });
  if (send.isSuccess) return <p role="status">{t('moderation.appealSent')}</p>;
  if (!open) {
    return (
      <button type="button" className="button secondary small" onClick={() => setOpen(true)}>
        {t('moderation.appeal')}
      </button>
    );
  }
  return (
    <form
      className="appeal-form"
      aria-label={t('moderation.appealTitle')}
      onSubmit={(event) => {
        event.preventDefault();
        send.mutate();
      }}
    >
      <Field label={t('moderation.appealStatement')}>
        <textarea
          required
          rows={3}
          maxLength={2000}
          value={statement}
          onChange={(event) => setStatement(event.target.value)}
        />
      </Field>
      <ErrorMessage error={send.error} />
      <button type="submit" className="button small" disabled={send.isPending}>
        {t('moderation.appealSend')}
      </button>
    </form>
  );
}
