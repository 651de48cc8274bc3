import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Ama, AmaQuestion } from '../../../../contract/amas.js';
import type { ThreadDetail } from '../../../../contract/threads.js';
import { useLiveEvent } from '../../api/live.js';
import { AMA_LIMITS, amasApi, pollKeys } from '../../api/polls.js';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { Field } from '../../components/Field.js';
import { PersonLink } from '../../components/PersonLink.js';
import { RichText } from '../../components/RichText.js';
import { Skeleton } from '../../components/Skeleton.js';
import { useFormat } from '../../i18n/format.js';

/** An AMA on its thread page: ask, vote, and (the host, while live) answer in vote order. */
export function AmaPanel({ thread }: { thread: ThreadDetail }) {
  const client = useQueryClient();
  const ama = useQuery({
    queryKey: pollKeys.ama(thread.id),
    queryFn: () => amasApi.get(thread.id),
    refetchInterval: thread.followedByMe ? false : 20_000,
  });
  useLiveEvent('ama', (event) => {
    if (event.threadId === thread.id) void client.invalidateQueries({ queryKey: pollKeys.ama(thread.id) });
  });
  if (ama.isPending) return <Skeleton lines={3} />;
  if (ama.isError) return <ErrorMessage error={ama.error} />;
  return <AmaView ama={ama.data} />;
}

function AmaView({ ama }: { ama: Ama }) {
  const { t } = useTranslation();
  const format = useFormat();
  const client = useQueryClient();
  const headingId = useId();
  const [question, setQuestion] = useState('');
  const refresh = (next?: Ama) => {
    if (next) client.setQueryData(pollKeys.ama(ama.threadId), next);
    void client.invalidateQueries({ queryKey: pollKeys.ama(ama.threadId) });
  };
  const ask = useMutation({
    mutationFn: () => amasApi.ask(ama.threadId, question.trim()),
    onSuccess: (next) => {
      setQuestion('');
      refresh(next);
    },
  });
  const until = ama.state === 'collecting' ? ama.startsAt : ama.endsAt;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (question.trim()) ask.mutate();
  };

  return (
    <section className="card ama-panel" aria-labelledby={headingId}>
      <h2 id={headingId} className="section-title">
        {t('amas.panel')}
      </h2>
      <p>
        <span className={`badge ama-state ama-${ama.state}`}>
          {t(`amas.state.${ama.state}`, { when: format.dateTime(until) })}
        </span>{' '}
        <span className="muted small">
          {t('amas.host')}: <PersonLink person={ama.host} />
        </span>
      </p>
      {ama.canAsk && (
        <form onSubmit={submit} className="ama-ask">
          <Field label={t('amas.ask')}>
            <textarea
              rows={2}
              value={question}
              maxLength={AMA_LIMITS.questionLength}
              onChange={(event) => setQuestion(event.target.value)}
            />
          </Field>
          <ErrorMessage error={ask.error} />
          <button type="submit" className="button primary" disabled={!question.trim() || ask.isPending}>
            {t('amas.askButton')}
          </button>
        </form>
      )}
      <h3 className="section-title">{t('amas.questions')}</h3>
      {ama.questions.length === 0 ? (
        <p className="muted">{t('amas.noQuestions')}</p>
      ) : (
        <ol className="ama-questions">
          {ama.questions.map((q) => (
            <QuestionItem key={q.id} ama={ama} question={q} onChange={refresh} />
          ))}
        </ol>
      )}
    </section>
  );
}

function QuestionItem({
  ama,
  question,
  onChange,
}: {
  ama: Ama;
  question: AmaQuestion;
  onChange: (next?: Ama) => void;
}) {
  const { t } = useTranslation();
  const [answering, setAnswering] = useState(false);
  const [answer, setAnswer] = useState('');
  const vote = useMutation({
    mutationFn: () => amasApi.vote(question.id, !question.votedByMe),
    onSuccess: () => onChange(),
  });
  const post = useMutation({
    mutationFn: () => amasApi.answer(question.id, answer.trim()),
    onSuccess: (next) => {
      setAnswering(false);
      setAnswer('');
      onChange(next);
    },
  });
  return (
    <li className={question.answered ? 'ama-question answered' : 'ama-question'}>
      <p className="ama-question-body">{question.body}</p>
      <p className="muted small">
        <PersonLink person={question.author} /> ·{' '}
        <span className={question.answered ? 'badge status-done' : 'badge'}>
          {question.answered ? t('amas.answered') : t('amas.unanswered')}
        </span>
      </p>
      <div className="thread-actions">
        <button
          type="button"
          className={question.votedByMe ? 'button primary small' : 'button secondary small'}
          aria-pressed={question.votedByMe}
          disabled={!ama.canAsk || vote.isPending}
          onClick={() => vote.mutate()}
        >
          ▲ {question.votedByMe ? t('amas.voted') : t('amas.vote')} ·{' '}
          {t('amas.votes', { count: question.votes })}
        </button>
        {ama.canAnswer && !answering && (
          <button type="button" className="button secondary small" onClick={() => setAnswering(true)}>
            {t('amas.answer')}
          </button>
        )}
      </div>
      <ErrorMessage error={vote.error} />
      {question.answerHtml && (
        <div className="ama-answer">
          <RichText html={question.answerHtml} />
        </div>
      )}
      {answering && (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (answer.trim()) post.mutate();
          }}
        >
          <Field label={t('amas.answerLabel', { question: question.body })}>
            <textarea rows={3} value={answer} onChange={(event) => setAnswer(event.target.value)} />
          </Field>
          <ErrorMessage error={post.error} />
          <button type="submit" className="button primary small" disabled={!answer.trim() || post.isPending}>
            {t('amas.saveAnswer')}
          </button>
        </form>
      )}
    </li>
  );
}
