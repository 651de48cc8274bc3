import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { ThreadView } from '../../../../contract/threads.js';
import { api } from '../../api/endpoints.js';
import { moderationApi } from '../../api/moderation.js';
import { keys } from '../../api/query-client.js';
import { useMe } from '../../api/session.js';
import { Avatar } from '../../components/Avatar.js';
import { PostFiles } from '../../components/attachments/PostFiles.js';
import { ConfirmDialog, Dialog } from '../../components/Dialog.js';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { EditedMarker } from '../../components/edit-history/EditedMarker.js';
import { KindBadge, StatusBadge } from '../../components/KindBadge.js';
import { MailMuteButton } from '../../components/MailMuteButton.js';
import { ReportButton } from '../../components/moderation/ReportButton.js';
import { PersonLink } from '../../components/PersonLink.js';
import { ReactionBar } from '../../components/ReactionBar.js';
import { RichText } from '../../components/RichText.js';
import { REACTION_EMOJI } from '../../components/reactions.js';
import { AnswerStateBadge, OriginMarker, ThreadLinks } from '../../components/ThreadCard.js';
import { useFormat } from '../../i18n/format.js';
import { communityPath } from '../../lib/paths.js';
import { EditThreadForm } from './EditForms.js';
import { threadHeading } from './heading.js';
import { IdeaPanel } from './IdeaPanel.js';
import { ModeratorTools } from './ModeratorTools.js';
import { QuestionFacts } from './QuestionFacts.js';
import '../moderation/moderation.css';

/** The thread itself: who started it where, its text, reactions, and what the reader may do with it. */
export function ThreadBody({ thread }: { thread: ThreadView }) {
  const { t } = useTranslation();
  const me = useMe();
  const format = useFormat();
  const client = useQueryClient();
  const navigate = useNavigate();
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [showWho, setShowWho] = useState(false);
  const refresh = () => client.invalidateQueries({ queryKey: keys.thread(thread.id) });

  const remove = useMutation({
    mutationFn: () => api.threads.remove(thread.id),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: keys.feed });
      navigate(thread.community ? communityPath(thread.community.slug) : '/', { replace: true });
    },
  });
  const follow = useMutation({
    mutationFn: (on: boolean) => api.threads.follow(thread.id, on),
    onSuccess: refresh,
  });

  return (
    <article className="card thread">
      <header className="thread-head">
        <div className="badges">
          <KindBadge kind={thread.kind} />
          {thread.answerState ? (
            <AnswerStateBadge state={thread.answerState} />
          ) : (
            thread.kind !== 'idea' && <StatusBadge status={thread.status} />
          )}
          <OriginMarker origin={thread.origin} />
          {thread.community && (
            <Link to={communityPath(thread.community.slug)} className="badge community-badge">
              {thread.community.name}
            </Link>
          )}
        </div>
        {editing ? null : <h1 className="thread-title">{threadHeading(thread, t)}</h1>}
        <div className="byline">
          <Avatar person={thread.author} size={40} />
          <div>
            <PersonLink person={thread.author} />
            <div className="muted small">
              {thread.author.title && `${thread.author.title} · `}
              <time dateTime={thread.createdAt} title={format.dateTime(thread.createdAt)}>
                {format.relative(thread.createdAt)}
              </time>
              {thread.editedAt && (
                <EditedMarker
                  post={{ kind: 'thread', id: thread.id }}
                  current={{ title: thread.title, body: thread.bodyMarkdown }}
                  canOpen={!thread.removed && (thread.editHistory === 'all' || thread.author.id === me.id)}
                />
              )}
            </div>
          </div>
        </div>
      </header>
      {thread.moderation && (
        <p className="notice warning" role="note">
          {t(`moderation.states.${thread.moderation}`)}
        </p>
      )}
      {thread.locked && (
        <p className="notice" role="note">
          {t('moderation.locked')}
        </p>
      )}
      {editing ? (
        <EditThreadForm thread={thread} onDone={() => setEditing(false)} />
      ) : thread.removed ? (
        <p className="muted">{t('thread.removed')}</p>
      ) : (
        <>
          <RichText
            html={thread.bodyHtml}
            className="thread-body"
            files={thread.attachments.files.filter((file) => file.replyId === null)}
          />
          <PostFiles found={thread.attachments} replyId={null} />
        </>
      )}
      {!editing && <ThreadLinks thread={thread} />}
      {!editing && !thread.removed && <QuestionFacts thread={thread} />}
      {!editing && <IdeaPanel thread={thread} />}
      {!thread.removed && !editing && (
        <>
          <ReactionBar
            counts={thread.reactionCounts}
            onToggle={async (kind, on) => {
              await api.threads.react(thread.id, kind, on);
              await refresh();
            }}
            onShowWho={() => setShowWho(true)}
          />
          <div className="thread-actions">
            <button
              type="button"
              className="button secondary small"
              aria-pressed={thread.followedByMe}
              onClick={() => follow.mutate(!thread.followedByMe)}
            >
              {thread.followedByMe ? t('thread.following') : t('thread.follow')}
            </button>
            <MailMuteButton target={{ threadId: thread.id }} />
            {thread.canEdit && (
              <button type="button" className="button secondary small" onClick={() => setEditing(true)}>
                {t('common.edit')}
              </button>
            )}
            {thread.canDelete && (
              <button
                type="button"
                className="button secondary small danger-text"
                onClick={() => setConfirming(true)}
              >
                {t('common.delete')}
              </button>
            )}
            {thread.canModerate && (
              <button
                type="button"
                className="button secondary small"
                onClick={async () => {
                  await moderationApi.lock(thread.id, !thread.locked);
                  await refresh();
                }}
              >
                {thread.locked ? t('moderation.actions.unlock') : t('moderation.actions.lock')}
              </button>
            )}
            {thread.canModerate && <ModeratorTools thread={thread} />}
            {!thread.canDelete && (
              <ReportButton
                target={{ targetType: 'thread', targetId: thread.id }}
                label={t('moderation.reportThread')}
              />
            )}
          </div>
          <ErrorMessage error={follow.error ?? remove.error} />
        </>
      )}
      <ConfirmDialog
        open={confirming}
        title={t('thread.deleteTitle')}
        message={t('thread.deleteText')}
        confirm={t('common.delete')}
        onConfirm={() => remove.mutate()}
        onClose={() => setConfirming(false)}
      />
      <Dialog open={showWho} onClose={() => setShowWho(false)} title={t('reactions.whoTitle')}>
        <Reactors threadId={thread.id} />
      </Dialog>
    </article>
  );
}

function Reactors({ threadId }: { threadId: string }) {
  const { t } = useTranslation();
  const reactors = useQuery({
    queryKey: keys.reactors(threadId),
    queryFn: () => api.threads.reactors(threadId, { limit: 100 }),
  });
  if (reactors.isPending) return <p className="muted">{t('common.loading')}</p>;
  if (reactors.isError) return <ErrorMessage error={reactors.error} />;
  return (
    <ul className="reactor-list">
      {reactors.data.items.map((reactor) => (
        <li key={`${reactor.person.id}-${reactor.kind}`}>
          <Avatar person={reactor.person} size={28} />
          <PersonLink person={reactor.person} />
          <span title={t(`reactions.${reactor.kind}`)}>
            <span aria-hidden="true">{REACTION_EMOJI[reactor.kind]}</span>
            <span className="visually-hidden">{t(`reactions.${reactor.kind}`)}</span>
          </span>
        </li>
      ))}
    </ul>
  );
}
