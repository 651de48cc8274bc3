import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ContributionItem } from '../../../../contract/contributions.js';
import { healthApi, healthKeys } from '../../api/health.js';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { Skeleton } from '../../components/Skeleton.js';
import { useFormat } from '../../i18n/format.js';
import { threadPath } from '../../lib/paths.js';

/** Recognition tied to outcomes, never raw post counts; only what the reader may read is counted. */
export function Contributions({ handle }: { handle: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const contributions = useQuery({
    queryKey: healthKeys.contributions(handle),
    queryFn: () => healthApi.contributions(handle),
  });
  return (
    <section className="card contributions" aria-labelledby="contributions-heading">
      <h2 id="contributions-heading" className="card-title">
        {t('contributions.title')}
      </h2>
      {contributions.isPending && <Skeleton card={false} lines={2} />}
      <ErrorMessage error={contributions.error} />
      {contributions.isSuccess && (
        <>
          <dl className="contribution-figures">
            <Figure
              label={t('contributions.acceptedAnswers')}
              value={contributions.data.acceptedAnswers.count}
            />
            <Figure label={t('contributions.ideasRealised')} value={contributions.data.ideasRealised.count} />
            <Figure
              label={t('contributions.praiseReceived')}
              value={contributions.data.praiseReceived.count}
            />
            <Figure label={t('contributions.goalsHelped')} value={contributions.data.goalsHelped.count} />
          </dl>
          {contributions.data.ideasRealised.count > 0 && (
            <p className="muted small">
              {t('contributions.ideasSplit', {
                planned: format.number(contributions.data.ideasRealised.planned),
                done: format.number(contributions.data.ideasRealised.done),
              })}
            </p>
          )}
          <Recent
            title={t('contributions.recentAnswers')}
            items={contributions.data.acceptedAnswers.recent}
          />
          <Recent title={t('contributions.recentIdeas')} items={contributions.data.ideasRealised.recent} />
          <Recent title={t('contributions.recentPraise')} items={contributions.data.praiseReceived.recent} />
          {contributions.data.goalsHelped.goals.length > 0 && (
            <>
              <h3 className="contribution-subtitle">{t('contributions.goals')}</h3>
              <ul className="contribution-list">
                {contributions.data.goalsHelped.goals.map((goal) => (
                  <li key={goal.id}>
                    <Link to={`/goals/${goal.id}`}>{goal.name}</Link>
                  </li>
                ))}
              </ul>
            </>
          )}
          <p className="muted small">{t('contributions.rule')}</p>
        </>
      )}
    </section>
  );
}

function Figure({ label, value }: { label: string; value: number }) {
  const format = useFormat();
  return (
    <div>
      <dt>{label}</dt>
      <dd className="figure">{format.number(value)}</dd>
    </div>
  );
}

function Recent({ title, items }: { title: string; items: ContributionItem[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (items.length === 0) return null;
  return (
    <>
      <h3 className="contribution-subtitle">{title}</h3>
      <ul className="contribution-list">
        {items.map((item) => (
          <li key={item.threadId}>
            <Link to={threadPath(item.threadId, item.title)}>
              {item.title || t('contributions.untitled')}
            </Link>{' '}
            <span className="muted small">
              {item.community ? `${item.community.name} · ` : ''}
              {format.date(item.at)}
            </span>
          </li>
        ))}
      </ul>
    </>
  );
}
