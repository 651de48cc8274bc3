import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Goal, KpiFigure } from '../../../../contract/goals.js';

/** One decimal at most: 66.7%, 0.75 ideas a week. */
export const rounded = (value: number) => Math.round(value * 10) / 10;

/** "72% within 60 min", "0.8 ideas per week", or that there is nothing to measure. */
export function actualText(t: TFunction, goal: Pick<Goal, 'kpi' | 'target'>, figure: KpiFigure): string {
  if (figure.actual === null) return t('goals.noData');
  return t(`goals.actual.${goal.kpi}`, { value: rounded(figure.actual), target: goal.target });
}

export function targetText(t: TFunction, goal: Pick<Goal, 'kpi' | 'target' | 'attainmentTarget'>): string {
  return t(`goals.targetLine.${goal.kpi}`, { target: goal.target, attainment: goal.attainmentTarget });
}

/** Met / not met / nothing yet, in words as well as colour. */
export function MetBadge({ met }: { met: boolean | null }) {
  const { t } = useTranslation();
  if (met === null) return <span className="badge">{t('goals.noData')}</span>;
  return (
    <span className={met ? 'badge goal-met' : 'badge goal-missed'}>
      {met ? t('goals.met') : t('goals.notMet')}
    </span>
  );
}

export function calendarText(t: TFunction, goal: Pick<Goal, 'calendar'>): string {
  if (!goal.calendar) return t('goals.clockMinutes');
  const days = goal.calendar.days
    .slice()
    .sort()
    .map((day) => t(`goals.weekday.${day}`))
    .join(', ');
  return t('goals.businessHours', { start: goal.calendar.start, end: goal.calendar.end, days });
}
