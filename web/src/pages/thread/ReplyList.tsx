import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Reply, ThreadView } from '../../../../contract/threads.js';
import { api } from '../../api/endpoints.js';
import { keys } from '../../api/query-client.js';
import { useMe } from '../../api/session.js';
import { Avatar } from '../../components/Avatar.js';
import { PostFiles } from '../../components/attachments/PostFiles.js';
import { ConfirmDialog } from '../../components/Dialog.js';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { EditedMarker } from '../../components/edit-history/EditedMarker.js';
import { Icon } from '../../components/Icon.js';
import { ReportButton } from '../../components/moderation/ReportButton.js';
import { PersonLink } from '../../components/PersonLink.js';
import { ReactionBar } from '../../components/ReactionBar.js';
import { RichText } from '../../components/RichText.js';
import { useFormat } from '../../i18n/format.js';
import { EditReplyForm } from './EditForms.js';
import { ReplyBox } from './ReplyBox.js';

/**
 * Top-level replies in order, each with its answers indented under it (one level, as the API keeps them). The
 * accepted answer comes first (the API sends it first), lifted out of its conversation if it was a nested one.
 */
export function ReplyList({ thread, replies }: { thread: ThreadView; replies: Reply[] }) {
  const { t } = useTranslation();
  const acceptedId = thread.acceptedReplyId;
  const accepted = replies.find((reply) => reply.id === acceptedId) ?? null;
  const topLevel = replies.filter((reply) => reply.parentId === null && reply.id !== acceptedId);
  const answers = (id: string) => replies.filter((reply) => reply.parentId === id && reply.id !== acceptedId);
  return (
    <ol className="reply-list">
      {accepted && (
        <li key={accepted.id} className="accepted-answer" aria-label={t('qa.acceptedAnswer')}>
          <p className="section-title small">{t('qa.acceptedAnswer')}</p>
          <ReplyItem thread={thread} reply={accepted} topLevelId={accepted.parentId ?? accepted.id} />
          {accepted.parentId === null && answers(accepted.id).length > 0 && (
            <ol className="reply-list nested">
              {answers(accepted.id).map((answer) => (
                <li key={answer.id}>
                  <ReplyItem thread={thread} reply={answer} topLevelId={accepted.id} />
                </li>
              ))}
            </ol>
          )}
        </li>
      )}
      {topLevel.map((reply) => (
        <li key={reply.id}>
          <ReplyItem thread={thread} reply={reply} topLevelId={reply.id} />
          {answers(reply.id).length > 0 && (
            <ol className="reply-list nested">
              {answers(reply.id).map((answer) => (
                <li key={answer.id}>
                  <ReplyItem thread={thread} reply={answer} topLevelId={reply.id} />
                </li>
              ))}
            </ol>
          )}
        </li>
      ))}
    </ol>
  );
}

function ReplyItem({ thread, reply, topLevelId }: { thread: ThreadView; reply: Reply; topLevelId: string }) {
  const { t } = useTranslation();
  const me = useMe();
  const format = useFormat();
  const client = useQueryClient();
  const [answering, setAnswering] = useState(false);
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const refresh = () =>
    Promise.all([
      client.invalidateQueries({ queryKey: keys.replies(thread.id) }),
      client.invalidateQueries({ queryKey: keys.thread(thread.id) }),
    ]);
  const remove = useMutation({ mutationFn: () => api.replies.remove(reply.id), onSuccess: refresh });
  const accept = useMutation({
    mutationFn: async (on: boolean) => {
      if (on) await api.threads.accept(thread.id, reply.id);
      else await api.threads.unaccept(thread.id);
    },
    onSuccess: refresh,
  });
  const accepted = thread.acceptedReplyId === reply.id;

  return (
    <div className={accepted ? 'reply accepted' : 'reply'} id={`reply-${reply.id}`}>
      <div className="byline">
        <Avatar person={reply.author} size={32} />
        <div>
          <PersonLink person={reply.author} />
          <div className="muted small">
            <time dateTime={reply.createdAt} title={format.dateTime(reply.createdAt)}>
              {format.relative(reply.createdAt)}
            </time>
            {reply.editedAt && (
              <EditedMarker
                post={{ kind: 'reply', id: reply.id }}
                current={{ title: null, body: reply.bodyMarkdown }}
                canOpen={!reply.removed && (thread.editHistory === 'all' || reply.author.id === me.id)}
              />
            )}
          </div>
        </div>
        {accepted && (
          <span className="badge status-answered accepted-badge">
            <Icon name="check" size={14} /> {t('reply.accepted')}
          </span>
        )}
      </div>
      {reply.moderation && (
        <p className="notice warning" role="note">
          {t(`moderation.states.${reply.moderation}`)}
        </p>
      )}
      {reply.removed ? (
        <p className="muted">{t('reply.removed')}</p>
      ) : editing ? (
        <EditReplyForm reply={reply} onDone={() => setEditing(false)} />
      ) : (
        <>
          <RichText
            html={reply.bodyHtml}
            files={thread.attachments.files.filter((file) => file.replyId === reply.id)}
          />
          <PostFiles found={thread.attachments} replyId={reply.id} />
        </>
      )}
      {!reply.removed && !editing && (
        <div className="reply-footer">
          <ReactionBar
            compact
            counts={reply.reactionCounts}
            onToggle={async (kind, on) => {
              await api.replies.react(reply.id, kind, on);
              await refresh();
            }}
          />
          <div className="reply-actions">
            {!thread.removed && !thread.locked && (
              <button type="button" className="link-button" onClick={() => setAnswering(true)}>
                {t('reply.reply')}
              </button>
            )}
            {thread.canAccept && thread.kind === 'question' && (
              <button type="button" className="link-button" onClick={() => accept.mutate(!accepted)}>
                {accepted ? t('reply.unaccept') : t('reply.accept')}
              </button>
            )}
            {reply.canEdit && (
              <button type="button" className="link-button" onClick={() => setEditing(true)}>
                {t('common.edit')}
              </button>
            )}
            {reply.canDelete && (
              <button type="button" className="link-button danger-text" onClick={() => setConfirming(true)}>
                {t('common.delete')}
              </button>
            )}
            {!reply.canDelete && (
              <ReportButton
                target={{ targetType: 'reply', targetId: reply.id }}
                label={t('moderation.reportReply')}
              />
            )}
          </div>
          <ErrorMessage error={remove.error ?? accept.error} />
        </div>
      )}
      {answering && (
        <ReplyBox
          threadId={thread.id}
          parentId={topLevelId}
          parentAuthor={reply.author.name}
          onDone={() => setAnswering(false)}
        />
      )}
      <ConfirmDialog
        open={confirming}
        title={t('reply.deleteTitle')}
        message={t('reply.deleteText')}
        confirm={t('common.delete')}
        onConfirm={() => remove.mutate()}
        onClose={() => setConfirming(false)}
      />
    </div>
  );
}
