import { useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type {
  CommunityHealth,
  HealthSuggestion,
  InviteReason,
} from '../../../../contract/community-health.js';
import { healthApi, healthKeys } from '../../api/health.js';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { PersonLink } from '../../components/PersonLink.js';
import { Skeleton } from '../../components/Skeleton.js';
import { useFormat } from '../../i18n/format.js';
import { communityPath } from '../../lib/paths.js';

/** Is this community lively enough: active participants against its threshold, the trend, and what to do. */
export function HealthPanel({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const health = useQuery({ queryKey: healthKeys.community(slug), queryFn: () => healthApi.community(slug) });
  if (health.isPending) return <Skeleton lines={2} />;
  if (health.isError) return <ErrorMessage error={health.error} />;
  const h = health.data;
  return (
    <section className="card health-panel" aria-labelledby="health-heading">
      <h2 id="health-heading" className="card-title">
        {t('health.title')}
      </h2>
      <p className={h.viable ? 'health-state viable' : 'health-state below'}>
        <strong>{h.viable ? t('health.viable') : t('health.below')}</strong>{' '}
        {h.withheld || h.activeParticipants === null ? (
          <span data-withheld="group_too_small">
            {t('analytics.withheld', { minimum: h.withheld?.minimum ?? 0 })}
          </span>
        ) : (
          t('health.figure', {
            active: format.number(h.activeParticipants),
            threshold: format.number(h.threshold),
            kind: t(`communityKinds.${h.kind}`),
          })
        )}
      </p>
      {!h.withheld && <Sparkline health={h} />}
      <ThresholdChanges health={h} />
      <p className="muted small">{t('health.rule', { days: h.windowDays })}</p>
      {h.suggestions.length > 0 && (
        <>
          <h3 className="health-subtitle">{t('health.suggestionsTitle')}</h3>
          <ul className="health-suggestions">
            {h.suggestions.map((suggestion) => (
              <li key={suggestion.kind}>
                <Suggestion suggestion={suggestion} />
              </li>
            ))}
          </ul>
          <p className="muted small">{t('health.suggestionRules')}</p>
        </>
      )}
    </section>
  );
}

/** The 12 weekly figures as a small line, with the same figures in words for screen readers. */
function Sparkline({ health }: { health: CommunityHealth }) {
  const { t } = useTranslation();
  const format = useFormat();
  const width = 240;
  const height = 48;
  // Only drawn when the figures are shown (not withheld), so every point has a value.
  const values = health.trend.map((point) => point.activeParticipants ?? 0);
  // Each week's own threshold: a change shows as a step in the dashed line.
  const thresholds = health.trend.map((point) => point.threshold);
  const top = Math.max(health.threshold, ...thresholds, ...values, 1);
  const x = (i: number) => (values.length > 1 ? (i / (values.length - 1)) * width : 0);
  const y = (value: number) => height - (value / top) * height;
  const points = values.map((value, i) => `${x(i).toFixed(1)},${y(value).toFixed(1)}`).join(' ');
  const description = t('health.trendText', {
    weeks: values.length,
    figures: health.trend
      .map(
        (point) =>
          `${format.date(`${point.weekEnding}T12:00:00Z`)}: ${format.number(point.activeParticipants ?? 0)}`,
      )
      .join('; '),
  });
  const last = values.length - 1;
  const short = (week: string) =>
    new Intl.DateTimeFormat(format.locale, { day: 'numeric', month: 'short' }).format(
      new Date(`${week}T12:00:00Z`),
    );
  // The values the line stands for: the threshold on its dashed line, this week's figure at the end, and the weeks.
  const labelRoom = 44;
  // Apart from this week's figure when the two are close, so neither hides the other.
  const near = last >= 0 && Math.abs(y(values[last]!) - y(health.threshold)) < 14;
  const thresholdLabelY = y(health.threshold) + (near ? 14 : 4);
  return (
    <figure className="health-trend">
      <svg
        viewBox={`0 -8 ${width + labelRoom} ${height + 16}`}
        width={width + labelRoom}
        height={height + 16}
        role="img"
        aria-label={description}
      >
        <polyline
          fill="none"
          points={thresholds
            .flatMap((value, i) => [
              `${x(Math.max(i - 1, 0)).toFixed(1)},${y(value).toFixed(1)}`,
              `${x(i).toFixed(1)},${y(value).toFixed(1)}`,
            ])
            .join(' ')}
          stroke="currentColor"
          strokeOpacity={0.35}
          strokeDasharray="4 3"
        />
        <text x={width + 6} y={thresholdLabelY} fontSize={11} fill="currentColor" opacity={0.7}>
          {format.number(health.threshold)}
        </text>
        <polyline fill="none" stroke="currentColor" strokeWidth={2} points={points} />
        {last >= 0 && (
          <>
            <circle cx={x(last)} cy={y(values[last]!)} r={3} fill="currentColor" />
            <text x={width + 6} y={y(values[last]!) - 4} fontSize={12} fontWeight={600} fill="currentColor">
              {format.number(values[last]!)}
            </text>
          </>
        )}
      </svg>
      {health.trend.length > 1 && (
        <div className="health-trend-axis muted small" style={{ width }} aria-hidden="true">
          <span>{short(health.trend[0]!.weekEnding)}</span>
          <span>{short(health.trend[last]!.weekEnding)}</span>
        </div>
      )}
      <figcaption className="muted small">{t('health.trendCaption', { weeks: values.length })}</figcaption>
    </figure>
  );
}

function Suggestion({ suggestion }: { suggestion: HealthSuggestion }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (suggestion.kind === 'make_specialist') {
    return <p>{t('health.makeSpecialist', { threshold: format.number(suggestion.specialistThreshold) })}</p>;
  }
  if (suggestion.kind === 'merge') {
    return (
      <p>
        {t('health.merge', {
          similarity: format.number(Math.round(suggestion.nameSimilarity * 100)),
          shared: format.number(suggestion.sharedMembers),
          combined: format.number(suggestion.combinedActiveParticipants),
        })}{' '}
        <Link to={communityPath(suggestion.community.slug)}>{suggestion.community.name}</Link>
        {'. '}
        {suggestion.combinedViable ? t('health.mergeViable') : t('health.mergeNotViable')}
      </p>
    );
  }
  const list = (items: string[]) => items.join(', ');
  return (
    <div>
      <p>
        {t('health.invite', {
          count: suggestion.candidates,
          formatted: format.number(suggestion.candidates),
        })}
      </p>
      <ul className="small">
        {suggestion.departments.length > 0 && (
          <li>
            {t('health.inviteDepartments', {
              formatted: format.number(suggestion.byDepartment),
              departments: list(
                suggestion.departments.map((d) =>
                  t('health.departmentFigure', {
                    department: d.department,
                    members: format.number(d.members),
                    candidates: format.number(d.candidates),
                  }),
                ),
              ),
            })}
          </li>
        )}
        {suggestion.skills.length > 0 && (
          <li>
            {t('health.inviteSkills', {
              formatted: format.number(suggestion.bySkill),
              skills: list(suggestion.skills.map((s) => `${s.skill} (${format.number(s.candidates)})`)),
            })}
          </li>
        )}
      </ul>
      {suggestion.people && suggestion.people.length > 0 && (
        <>
          <p className="small">{t('health.inviteLikely')}</p>
          <ol className="small">
            {suggestion.people.map((joiner) => (
              <li key={joiner.person.id}>
                <PersonLink person={joiner.person} />
                {': '}
                {joiner.reasons.map((reason) => reasonText(t, reason)).join('; ')}
              </li>
            ))}
          </ol>
        </>
      )}
    </div>
  );
}

function reasonText(t: TFunction, reason: InviteReason): string {
  if (reason.kind === 'answers') return t('health.reasonAnswers', { topic: reason.topic });
  if (reason.kind === 'knows') return t('health.reasonKnows', { topic: reason.topic });
  if (reason.kind === 'active_in') return t('health.reasonActiveIn', { community: reason.community.name });
  return t('health.reasonColleague', { count: reason.members });
}

/** Each change of kind or threshold in the trend's span: the weeks before it were judged by the old threshold. */
function ThresholdChanges({ health }: { health: CommunityHealth }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (health.thresholdChanges.length === 0) return null;
  return (
    <div className="small">
      <p>{t('health.thresholdChanges')}</p>
      <ul>
        {health.thresholdChanges.map((change) => {
          const figures = {
            date: format.date(change.changedAt),
            before: format.number(change.thresholdBefore),
            after: format.number(change.thresholdAfter),
            kindBefore: t(`communityKinds.${change.kindBefore}`),
            kindAfter: t(`communityKinds.${change.kindAfter}`),
          };
          return (
            <li key={change.changedAt}>
              {change.kindBefore === change.kindAfter
                ? t('health.thresholdChange', figures)
                : t('health.kindChange', figures)}
              {change.changedBy && ` ${t('health.changedBy', { name: change.changedBy.name })}`}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
