import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { GoalKpi } from '../../../../contract/goals.js';
import { GOAL_FORM_LIMITS, GOAL_KPIS, goalKeys, goalsApi, isTimeKpi } from '../../api/goals.js';
import { ErrorMessage, fieldError } from '../../components/ErrorMessage.js';
import { Field } from '../../components/Field.js';

const UNIT = {
  first_response_time: 'minutes',
  resolution_time: 'minutes',
  answer_rate: 'percent',
  idea_throughput: 'ideas_per_week',
} as const;
const DAYS = [1, 2, 3, 4, 5, 6, 7];
const list = (text: string) =>
  text
    .split(',')
    .map((part) => part.trim().replace(/^#/, ''))
    .filter(Boolean);
/** The first server error among fields with an index, e.g. communities.3. */
const firstOf = (error: unknown, field: string) =>
  fieldError(error, field) ??
  Array.from({ length: 60 }, (_, i) => fieldError(error, `${field}.${i}`)).find(Boolean);

/** The form a leader or admin sets a goal with; every KPI shows its definition. */
export function GoalForm({ onCancel }: { onCancel: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [kpi, setKpi] = useState<GoalKpi>('first_response_time');
  const [target, setTarget] = useState('60');
  const [attainment, setAttainment] = useState('80');
  const [communities, setCommunities] = useState('');
  const [hashtags, setHashtags] = useState('');
  const [businessHours, setBusinessHours] = useState(true);
  const [days, setDays] = useState([1, 2, 3, 4, 5]);
  const [start, setStart] = useState('09:00');
  const [end, setEnd] = useState('18:00');
  const [check, setCheck] = useState<{ name?: string; scope?: string }>({});
  const create = useMutation({
    mutationFn: () =>
      goalsApi.create({
        name: name.trim(),
        description,
        kpi,
        target: Number(target),
        ...(isTimeKpi(kpi) ? { attainmentTarget: Number(attainment) } : {}),
        communities: list(communities).map((slug) => slug.toLowerCase()),
        hashtags: list(hashtags),
        calendar: isTimeKpi(kpi) && businessHours ? { days, start, end } : null,
      }),
    onSuccess: (goal) => {
      void client.invalidateQueries({ queryKey: goalKeys.list() });
      navigate(`/goals/${goal.id}`);
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problems = {
      name: name.trim() ? undefined : t('goals.form.nameRequired'),
      scope: list(communities).length + list(hashtags).length > 0 ? undefined : t('goals.form.scopeRequired'),
    };
    setCheck(problems);
    if (!problems.name && !problems.scope) create.mutate();
  };
  const toggleDay = (day: number) =>
    setDays((current) =>
      current.includes(day) ? current.filter((d) => d !== day) : [...current, day].sort(),
    );

  return (
    <form className="card form" onSubmit={submit} noValidate aria-labelledby="goal-form-title">
      <h2 id="goal-form-title">{t('goals.form.title')}</h2>
      <Field
        label={t('goals.form.name')}
        hint={t('goals.form.nameHint', { max: GOAL_FORM_LIMITS.nameLength })}
        error={check.name ?? fieldError(create.error, 'name')}
      >
        <input
          value={name}
          maxLength={GOAL_FORM_LIMITS.nameLength}
          onChange={(e) => setName(e.target.value)}
        />
      </Field>
      <Field label={t('goals.form.description')} error={fieldError(create.error, 'description')}>
        <textarea
          rows={3}
          value={description}
          maxLength={GOAL_FORM_LIMITS.descriptionLength}
          onChange={(e) => setDescription(e.target.value)}
        />
      </Field>
      <Field
        label={t('goals.form.kpi')}
        hint={t(`goals.definition.${kpi}`)}
        error={fieldError(create.error, 'kpi')}
      >
        <select value={kpi} onChange={(e) => setKpi(e.target.value as GoalKpi)}>
          {GOAL_KPIS.map((option) => (
            <option key={option} value={option}>
              {t(`goals.kpi.${option}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t(`goals.form.target.${UNIT[kpi]}`)} error={fieldError(create.error, 'target')}>
        <input
          type="number"
          min={0}
          max={GOAL_FORM_LIMITS.maxTarget[kpi]}
          step="any"
          value={target}
          onChange={(e) => setTarget(e.target.value)}
        />
      </Field>
      {isTimeKpi(kpi) && (
        <Field label={t('goals.form.attainmentTarget')} error={fieldError(create.error, 'attainmentTarget')}>
          <input
            type="number"
            min={1}
            max={100}
            value={attainment}
            onChange={(e) => setAttainment(e.target.value)}
          />
        </Field>
      )}
      <Field
        label={t('goals.form.communities')}
        hint={t('goals.form.communitiesHint', { max: GOAL_FORM_LIMITS.scopeCommunities })}
        error={check.scope ?? firstOf(create.error, 'communities')}
      >
        <input value={communities} onChange={(e) => setCommunities(e.target.value)} />
      </Field>
      <Field
        label={t('goals.form.hashtags')}
        hint={t('goals.form.hashtagsHint', { max: GOAL_FORM_LIMITS.scopeHashtags })}
        error={firstOf(create.error, 'hashtags')}
      >
        <input value={hashtags} onChange={(e) => setHashtags(e.target.value)} />
      </Field>
      {isTimeKpi(kpi) && (
        <fieldset className="field">
          <legend>
            <label className="check">
              <input
                type="checkbox"
                checked={businessHours}
                onChange={(e) => setBusinessHours(e.target.checked)}
              />
              {t('goals.form.businessHours')}
            </label>
          </legend>
          {businessHours && (
            <>
              <fieldset className="check-row">
                <legend className="small">{t('goals.form.days')}</legend>
                {DAYS.map((day) => (
                  <label key={day} className="check">
                    <input type="checkbox" checked={days.includes(day)} onChange={() => toggleDay(day)} />
                    {t(`goals.weekday.${day}`)}
                  </label>
                ))}
              </fieldset>
              <Field label={t('goals.form.start')} error={firstOf(create.error, 'calendar')}>
                <input type="time" value={start} onChange={(e) => setStart(e.target.value)} />
              </Field>
              <Field label={t('goals.form.end')}>
                <input type="time" value={end} onChange={(e) => setEnd(e.target.value)} />
              </Field>
            </>
          )}
        </fieldset>
      )}
      <ErrorMessage error={create.error} />
      <div className="actions">
        <button type="button" className="button secondary" onClick={onCancel}>
          {t('goals.form.cancel')}
        </button>
        <button type="submit" className="button primary" disabled={create.isPending}>
          {t('goals.form.save')}
        </button>
      </div>
    </form>
  );
}
