import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IdeaStatus, ThreadDetail } from '../../../../contract/threads.js';
import { IDEA_TRANSITIONS, ideaKeys, ideasApi, STATUS_NOTE_LENGTH } from '../../api/ideas.js';
import { keys } from '../../api/query-client.js';
import { Dialog } from '../../components/Dialog.js';
import { ErrorMessage, fieldError } from '../../components/ErrorMessage.js';
import { Field } from '../../components/Field.js';
import { PersonLink } from '../../components/PersonLink.js';
import { useFormat } from '../../i18n/format.js';

/** An idea's votes, its status (changed with a note by those who may), and the history of those changes. */
export function IdeaPanel({ thread }: { thread: ThreadDetail }) {
  const { t } = useTranslation();
  const format = useFormat();
  const client = useQueryClient();
  const [changing, setChanging] = useState(false);
  const refresh = () =>
    Promise.all([
      client.invalidateQueries({ queryKey: keys.thread(thread.id) }),
      client.invalidateQueries({ queryKey: ideaKeys.statusChanges(thread.id) }),
    ]);
  const vote = useMutation({
    mutationFn: (on: boolean) => ideasApi.vote(thread.id, on),
    onSuccess: refresh,
  });
  const history = useQuery({
    queryKey: ideaKeys.statusChanges(thread.id),
    queryFn: () => ideasApi.statusChanges(thread.id, { limit: 100 }),
    // Only an idea has a status history; asking for another thread's is a 400.
    enabled: thread.kind === 'idea' && !thread.removed,
  });
  if (thread.kind !== 'idea' || thread.removed) return null;
  const status = (thread.status ?? 'new') as IdeaStatus;
  const next = IDEA_TRANSITIONS[status];

  return (
    <section className="idea-panel" aria-label={t('ideas.panel')}>
      <div className="thread-actions">
        <button
          type="button"
          className={thread.votedByMe ? 'button primary small' : 'button secondary small'}
          aria-pressed={thread.votedByMe}
          disabled={vote.isPending}
          onClick={() => vote.mutate(!thread.votedByMe)}
        >
          ▲ {thread.votedByMe ? t('ideas.voted') : t('ideas.vote')} ·{' '}
          {t('ideas.voteCount', { count: thread.voteCount })}
        </button>
        <span className={`badge status status-${status}`}>{t(`status.${status}`)}</span>
        {thread.canChangeStatus && next.length > 0 && (
          <button type="button" className="button secondary small" onClick={() => setChanging(true)}>
            {t('ideas.changeStatus')}
          </button>
        )}
      </div>
      <ErrorMessage error={vote.error} />
      {history.data && history.data.items.length > 0 && (
        <div className="status-history">
          <h2 className="section-title">{t('ideas.history')}</h2>
          <ol className="status-list">
            {history.data.items.map((change) => (
              <li key={change.id}>
                <p>
                  <strong>
                    {change.from ? `${t(`status.${change.from}`)} → ` : ''}
                    {t(`status.${change.to}`)}
                  </strong>{' '}
                  <span className="muted small">
                    {t('ideas.by')} <PersonLink person={change.changedBy} /> ·{' '}
                    <time dateTime={change.createdAt} title={format.dateTime(change.createdAt)}>
                      {format.relative(change.createdAt)}
                    </time>
                  </span>
                </p>
                <p className="status-note">{change.note}</p>
              </li>
            ))}
          </ol>
        </div>
      )}
      <Dialog open={changing} onClose={() => setChanging(false)} title={t('ideas.changeStatus')}>
        <ChangeStatusForm
          thread={thread}
          options={next}
          onDone={() => {
            setChanging(false);
            void refresh();
          }}
        />
      </Dialog>
    </section>
  );
}

function ChangeStatusForm({
  thread,
  options,
  onDone,
}: {
  thread: ThreadDetail;
  options: readonly IdeaStatus[];
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<IdeaStatus>(options[0]!);
  const [note, setNote] = useState('');
  const [check, setCheck] = useState<string | undefined>();
  const change = useMutation({
    mutationFn: () => ideasApi.changeStatus(thread.id, { status, note: note.trim() }),
    onSuccess: onDone,
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    // Every change explains itself to the author and the voters.
    if (!note.trim()) return setCheck(t('ideas.noteRequired'));
    if (note.length > STATUS_NOTE_LENGTH)
      return setCheck(t('ideas.noteTooLong', { max: STATUS_NOTE_LENGTH }));
    setCheck(undefined);
    change.mutate();
  };
  return (
    <form onSubmit={submit} noValidate>
      <Field label={t('ideas.newStatus')} error={fieldError(change.error, 'status')}>
        <select value={status} onChange={(event) => setStatus(event.target.value as IdeaStatus)}>
          {options.map((option) => (
            <option key={option} value={option}>
              {t(`status.${option}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field
        label={t('ideas.note')}
        hint={t('ideas.noteHint')}
        error={check ?? fieldError(change.error, 'note')}
      >
        <textarea
          value={note}
          rows={4}
          maxLength={STATUS_NOTE_LENGTH}
          onChange={(e) => setNote(e.target.value)}
        />
      </Field>
      <ErrorMessage error={change.error} />
      <div className="actions">
        <button type="button" className="button secondary" onClick={onDone}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="button primary" disabled={change.isPending}>
          {t('ideas.saveStatus')}
        </button>
      </div>
    </form>
  );
}
