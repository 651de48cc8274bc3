import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { QueueItem, ReportReason } from '../../../../contract/moderation.js';
import { moderationApi } from '../../api/moderation.js';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { Field } from '../../components/Field.js';
import { ReasonFields } from '../../components/moderation/ReasonFields.js';
import { PersonLink } from '../../components/PersonLink.js';
import { RichText } from '../../components/RichText.js';
import { useFormat } from '../../i18n/format.js';
import { communityPath, threadPath } from '../../lib/paths.js';

type Action = 'dismiss' | 'hide' | 'remove' | 'restore' | 'approve' | 'warn' | 'suspend';

/** One queue item: what it is about (as far as the moderator may read it) and the decisions they may take. */
export function QueueItemCard({ item, onDecided }: { item: QueueItem; onDecided: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [action, setAction] = useState<Action | null>(null);
  const [reason, setReason] = useState<ReportReason>('other');
  const [note, setNote] = useState('');
  const [until, setUntil] = useState('');
  const decide = useMutation({
    mutationFn: () =>
      moderationApi.act(item.id, {
        action: action!,
        reason,
        note,
        until: action === 'suspend' && until ? new Date(until).toISOString() : undefined,
      }),
    onSuccess: onDecided,
  });
  const where = item.where.community ? (
    <Link to={communityPath(item.where.community.slug)}>
      {t('moderation.in', { name: item.where.community.name })}
    </Link>
  ) : item.where.hiddenCommunity ? (
    t('moderation.hiddenCommunity')
  ) : null;
  return (
    <li className="card queue-item">
      <div className="badges">
        <span className="badge">{t(`moderation.kinds.${item.kind}`)}</span>
        <span className="badge">{t(`moderation.reasons.${item.reason}`, item.reason)}</span>
        {where && <span className="muted small">{where}</span>}
        <time className="muted small" dateTime={item.createdAt}>
          {format.relative(item.createdAt)}
        </time>
      </div>
      {item.appeal && (
        <p className="small">
          {t('moderation.appealAgainst', {
            action: t(`moderation.actions.${item.appeal.action}`, item.appeal.action),
          })}
        </p>
      )}
      {item.reporter ? (
        <p className="small muted">{t('moderation.reportedBy', { name: item.reporter.name })}</p>
      ) : (
        item.kind === 'held' && <p className="small muted">{t('moderation.heldByFilter')}</p>
      )}
      {item.note && <blockquote className="queue-note">{item.note}</blockquote>}
      {item.content ? (
        <div className="queue-content">
          <p className="small">
            <PersonLink person={item.content.author} />
            {item.content.title && (
              <>
                {' · '}
                <Link to={threadPath(item.content.threadId, item.content.title)}>{item.content.title}</Link>
              </>
            )}
          </p>
          {item.content.state && (
            <p className="notice warning">{t(`moderation.states.${item.content.state}`)}</p>
          )}
          <RichText html={item.content.bodyHtml} />
        </div>
      ) : item.targetType === 'person' && item.person ? (
        <p>
          {t('moderation.profile', { name: item.person.name })} <PersonLink person={item.person} />
        </p>
      ) : (
        <p className="muted">{t('moderation.noContent')}</p>
      )}
      {item.actions.length > 0 && (
        <fieldset className="actions">
          <legend className="visually-hidden">{t('moderation.decide')}</legend>
          {item.actions.map((name) => (
            <button
              key={name}
              type="button"
              className={action === name ? 'button small' : 'button secondary small'}
              aria-pressed={action === name}
              onClick={() => setAction(name as Action)}
            >
              {t(`moderation.actions.${name}`)}
            </button>
          ))}
        </fieldset>
      )}
      {action && (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            decide.mutate();
          }}
        >
          <ReasonFields
            reason={reason}
            onReason={setReason}
            note={note}
            onNote={setNote}
            labels={{ reason: t('moderation.decisionReason'), note: t('moderation.decisionNote') }}
            rows={2}
          />
          {action === 'suspend' && (
            <Field label={t('moderation.suspendUntil')}>
              <input
                type="datetime-local"
                required
                value={until}
                onChange={(event) => setUntil(event.target.value)}
              />
            </Field>
          )}
          <ErrorMessage error={decide.error} />
          <button type="submit" className="button primary" disabled={decide.isPending}>
            {t('moderation.confirm')}: {t(`moderation.actions.${action}`)}
          </button>
        </form>
      )}
    </li>
  );
}
