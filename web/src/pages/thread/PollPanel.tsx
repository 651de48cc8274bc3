import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Poll } from '../../../../contract/polls.js';
import type { ThreadDetail } from '../../../../contract/threads.js';
import { useLiveEvent } from '../../api/live.js';
import { pollKeys, pollsApi } from '../../api/polls.js';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { Skeleton } from '../../components/Skeleton.js';
import { useFormat } from '../../i18n/format.js';

/** A poll on its thread page: vote (or change the vote), and the results, updated live. */
export function PollPanel({ thread }: { thread: ThreadDetail }) {
  const client = useQueryClient();
  const poll = useQuery({
    queryKey: pollKeys.poll(thread.id),
    queryFn: () => pollsApi.get(thread.id),
    // The live stream reaches the thread's followers; others look again now and then.
    refetchInterval: thread.followedByMe ? false : 20_000,
  });
  useLiveEvent('poll', (event) => {
    if (event.threadId === thread.id) void client.invalidateQueries({ queryKey: pollKeys.poll(thread.id) });
  });
  if (poll.isPending) return <Skeleton lines={3} />;
  if (poll.isError) return <ErrorMessage error={poll.error} />;
  return <PollView poll={poll.data} />;
}

function PollView({ poll }: { poll: Poll }) {
  const { t } = useTranslation();
  const format = useFormat();
  const client = useQueryClient();
  const formId = useId();
  const mine = poll.options.filter((option) => option.chosenByMe).map((option) => option.id);
  const [choice, setChoice] = useState<string[]>(mine);
  const [editing, setEditing] = useState(!poll.votedByMe);
  const done = (next?: Poll) => {
    if (next) client.setQueryData(pollKeys.poll(poll.threadId), next);
    void client.invalidateQueries({ queryKey: pollKeys.poll(poll.threadId) });
  };
  const vote = useMutation({
    mutationFn: () => pollsApi.vote(poll.threadId, choice),
    onSuccess: (next) => {
      setEditing(false);
      done(next);
    },
  });
  const withdraw = useMutation({
    mutationFn: () => pollsApi.withdraw(poll.threadId),
    onSuccess: () => {
      setChoice([]);
      setEditing(true);
      done();
    },
  });
  const total = poll.options.reduce((sum, option) => sum + option.votes, 0);
  const showForm = poll.canVote && editing;
  const toggle = (id: string, on: boolean) =>
    setChoice((current) =>
      poll.multiple ? (on ? [...current, id] : current.filter((c) => c !== id)) : [id],
    );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (choice.length > 0) vote.mutate();
  };

  return (
    <section className="card poll-panel" aria-labelledby={`${formId}-heading`}>
      <h2 id={`${formId}-heading`} className="section-title">
        {t('polls.panel')}
      </h2>
      <p className="muted small">
        {poll.closesAt &&
          (poll.closed
            ? t('polls.closedOn', { when: format.dateTime(poll.closesAt) })
            : t('polls.closesOn', { when: format.dateTime(poll.closesAt) }))}
        {poll.closesAt && ' · '}
        {t('polls.voters', { count: poll.voterCount })}
        {poll.anonymous && ` · ${t('polls.anonymousNote')}`}
      </p>
      {showForm ? (
        <form onSubmit={submit}>
          <fieldset>
            <legend>{poll.multiple ? t('polls.multipleHint') : t('polls.single')}</legend>
            {poll.options.map((option) => (
              <label key={option.id} className="check poll-choice">
                <input
                  type={poll.multiple ? 'checkbox' : 'radio'}
                  name={`${formId}-choice`}
                  value={option.id}
                  checked={choice.includes(option.id)}
                  onChange={(event) => toggle(option.id, event.target.checked)}
                />
                {option.label}
              </label>
            ))}
          </fieldset>
          <ErrorMessage error={vote.error} />
          <button type="submit" className="button primary" disabled={choice.length === 0 || vote.isPending}>
            {t('polls.vote')}
          </button>
        </form>
      ) : (
        <ul className="poll-results">
          {poll.options.map((option) => {
            const share = total === 0 ? 0 : Math.round((option.votes / total) * 100);
            return (
              <li key={option.id} className={option.chosenByMe ? 'poll-result chosen' : 'poll-result'}>
                <div className="poll-result-line">
                  <span>
                    {option.label}
                    {option.chosenByMe && <span className="muted small"> ({t('polls.chosen')})</span>}
                  </span>
                  <span className="muted small">
                    {t('polls.votes', { count: option.votes })} · {share}%
                  </span>
                </div>
                <div className="poll-bar" aria-hidden="true">
                  <div className="poll-bar-fill" style={{ width: `${share}%` }} />
                </div>
              </li>
            );
          })}
        </ul>
      )}
      {poll.closed && <p className="muted">{t('polls.closed')}</p>}
      {poll.anonymous && poll.votedByMe && <p className="muted small">{t('polls.anonymousVoted')}</p>}
      {!showForm && poll.canVote && poll.votedByMe && (
        <div className="thread-actions">
          <button type="button" className="button secondary small" onClick={() => setEditing(true)}>
            {t('polls.changeVote')}
          </button>
          <button
            type="button"
            className="button secondary small"
            disabled={withdraw.isPending}
            onClick={() => withdraw.mutate()}
          >
            {t('polls.withdraw')}
          </button>
        </div>
      )}
      <ErrorMessage error={withdraw.error} />
    </section>
  );
}
