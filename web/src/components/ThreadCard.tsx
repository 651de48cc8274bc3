import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ThreadSummary } from '../../../contract/threads.js';
import { mayUseAnalytics } from '../api/analytics.js';
import { useSession } from '../api/session.js';
import { useFormat } from '../i18n/format.js';
import { communityPath, threadPath } from '../lib/paths.js';
import { Avatar } from './Avatar.js';
import { LinkPreviewCard } from './attachments/PostFiles.js';
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
          {thread.answerState ? (
            <AnswerStateBadge state={thread.answerState} />
          ) : (
            <StatusBadge status={thread.status} />
          )}
          <OriginMarker origin={thread.origin} />
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
      {thread.linkPreview && <LinkPreviewCard preview={thread.linkPreview} />}
      <ThreadLinks thread={thread} />
      <footer className="thread-card-footer muted small">
        <Link to={path} className="quiet-link">
          <Icon name="reply" size={16} /> {t('thread.replyCount', { count: thread.replyCount })}
        </Link>
        {thread.kind === 'idea' && (
          <span className={thread.votedByMe ? 'vote-summary voted' : 'vote-summary'}>
            ▲ {t('ideas.voteCount', { count: thread.voteCount })}
          </span>
        )}
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

/** A question's state: nobody else answered yet, someone did, or an answer was accepted. */
export function AnswerStateBadge({ state }: { state: NonNullable<ThreadSummary['answerState']> }) {
  const { t } = useTranslation();
  const tone = state === 'unanswered' ? 'status-open' : 'status-answered';
  return <span className={`badge status ${tone}`}>{t(`qa.state.${state}`)}</span>;
}

/**
 * Who started it, kept subtle: a leader opening a topic (top-down) or anyone else (bottom-up). Scorecard
 * language, so only for those who work with the scorecard (leaders, community managers, admins).
 */
export function OriginMarker({ origin }: { origin: ThreadSummary['origin'] }) {
  const { t } = useTranslation();
  const me = useSession().data?.me;
  if (!me || !mayUseAnalytics(me)) return null;
  return (
    <span className="muted small origin-marker" title={t(`origin.hint.${origin}`)}>
      {t(`origin.short.${origin}`)}
    </span>
  );
}

/** The people a praise post recognises, and the theme and goal a thread is linked to. */
export function ThreadLinks({ thread }: { thread: ThreadSummary }) {
  const { t } = useTranslation();
  if (thread.praised.length === 0 && !thread.theme && !thread.goal) return null;
  return (
    <div className="thread-links small">
      {thread.praised.length > 0 && (
        <p className="praised-line">
          <span aria-hidden="true">👏 </span>
          {t('praise.praising')}{' '}
          {thread.praised.map((person, index) => (
            <span key={person.id}>
              {index > 0 && ', '}
              <PersonLink person={person} />
            </span>
          ))}
        </p>
      )}
      {thread.theme && (
        <p className="muted">
          {t('ideas.links.theme')} <Link to={`/themes/${thread.theme.id}`}>{thread.theme.title}</Link>
        </p>
      )}
      {thread.goal && (
        <p className="muted">
          {t('ideas.links.goal')} <Link to={`/goals/${thread.goal.id}`}>{thread.goal.name}</Link>
        </p>
      )}
    </div>
  );
}
