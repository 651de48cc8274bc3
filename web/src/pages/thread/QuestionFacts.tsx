import { useTranslation } from 'react-i18next';
import type { ThreadDetail } from '../../../../contract/threads.js';
import { AnswerStateBadge } from '../../components/ThreadCard.js';
import { useFormat } from '../../i18n/format.js';
import { durationParts } from './duration.js';

/** A question's state and how long it took: to the first answer by someone else, and to the accepted one. */
export function QuestionFacts({ thread }: { thread: ThreadDetail }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (!thread.answerState) return null;
  const span = (seconds: number) =>
    durationParts(seconds)
      .map(([unit, count]) => t(`qa.duration.${unit}`, { count }))
      .join(' ');
  return (
    <div className="question-facts small">
      <AnswerStateBadge state={thread.answerState} />
      {thread.firstAnswerAt && thread.secondsToFirstAnswer !== null ? (
        <span className="muted">
          {' '}
          <time dateTime={thread.firstAnswerAt} title={format.dateTime(thread.firstAnswerAt)}>
            {t('qa.firstAnswerAfter', { time: span(thread.secondsToFirstAnswer) })}
          </time>
        </span>
      ) : (
        <span className="muted"> {t('qa.waiting')}</span>
      )}
      {thread.secondsToAcceptedAnswer !== null && (
        <span className="muted">
          {' '}
          · {t('qa.acceptedAfter', { time: span(thread.secondsToAcceptedAnswer) })}
        </span>
      )}
    </div>
  );
}
