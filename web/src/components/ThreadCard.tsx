import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ThreadSummary } from '../../../contract/threads.js';
import { useFormat } from '../i18n/format.js';
import { communityPath, threadPath } from '../lib/paths.js';
import { Avatar } from './Avatar.js';
import { Icon } from './Icon.js';
import { KindBadge, StatusBadge } from './KindBadge.js';
import { PersonLink } from './PersonLink.js';
import { REACTION_EMOJI } from './reactions.js';

/** One thread as lists show it: who, where, what kind, the start of it, and how much is going on. */
export function ThreadCard({ thread }: { thread: ThreadSummary }) {
  const { t } = useTranslation();
  const format = useFormat();
  const path = threadPath(thread.id, thread.title);
  const reactions = thread.reactionCounts.filter((reaction) => reaction.count > 0);
  return (
    <article className="card thread-card">
      <header className="thread-card-meta">
        <Avatar person={thread.author} size={36} />
        <div className="meta-lines">
          <div>
            <PersonLink person={thread.author} />
            {thread.community && (
              <>
                {' '}
                <span className="muted">{t('thread.in')}</span>{' '}
                <Link to={communityPath(thread.community.slug)}>{thread.community.name}</Link>
              </>
            )}
            {!thread.community && thread.companyWide && (
              <span className="muted"> · {t('thread.companyWide')}</span>
            )}
          </div>
          <div className="muted small">
            <time dateTime={thread.lastActivityAt} title={format.dateTime(thread.lastActivityAt)}>
              {format.relative(thread.lastActivityAt)}
            </time>
          </div>
        </div>
        <div className="badges">
          <KindBadge kind={thread.kind} />
          <StatusBadge status={thread.status} />
        </div>
      </header>
      {thread.title ? (
        <h2 className="thread-card-title">
          <Link to={path}>{thread.title}</Link>
        </h2>
      ) : (
        // A short post without a title (an update, praise): its text is what there is to read.
        <p className="thread-card-text">
          <Link to={path}>{thread.excerpt || t('thread.untitled')}</Link>
        </p>
      )}
      {thread.removed ? (
        <p className="muted">{t('thread.removed')}</p>
      ) : (
        thread.excerpt && thread.title && <p className="excerpt">{thread.excerpt}</p>
      )}
      <footer className="thread-card-footer muted small">
        <Link to={path} className="quiet-link">
          <Icon name="reply" size={16} /> {t('thread.replyCount', { count: thread.replyCount })}
        </Link>
        {reactions.length > 0 && (
          <span className="reaction-summary">
            {reactions.map((reaction) => (
              <span key={reaction.kind} title={t(`reactions.${reaction.kind}`)}>
                <span aria-hidden="true">{REACTION_EMOJI[reaction.kind]}</span>
                <span className="visually-hidden">{t(`reactions.${reaction.kind}`)}</span>{' '}
                {format.number(reaction.count)}
              </span>
            ))}
          </span>
        )}
      </footer>
    </article>
  );
}
