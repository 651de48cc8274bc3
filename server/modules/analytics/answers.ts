import type { Figure } from '../../../contract/analytics.js';
import type { Queryable } from '../../platform/db/database.js';
import { figure, maybe, pct } from './figures.js';
import { type Filter, type Period, personWhere } from './filters.js';

/**
 * Viva Engage's answers view (docs/ANALYTICS.md): the questions still waiting for an answer at the period's end and
 * how old they were, and who answered in the period — top answerers and the share of answers from outside the
 * asker's department. From the question and answer roll-ups (as of the last refresh), narrowed by the question's
 * community and the asker's department and location, like the other question figures.
 */
export type AnswersView = {
  backlog: number;
  median_age_days: number | null;
  oldest_age_days: number | null;
  answers: number;
  across: number;
  top: { handle: string; name: string; answers: number }[];
};

const startOf = (param: string) => `(${param}::date::timestamp at time zone 'UTC')`;
const endOf = (param: string) => `((${param}::date + 1)::timestamp at time zone 'UTC')`;

function narrowed(filter: Filter, params: unknown[], asker: string, community: string) {
  let where = personWhere('p', filter, params);
  const join = where ? `join people p on p.id = ${asker}` : '';
  if (filter.communityId !== null) {
    params.push(filter.communityId);
    where += ` and ${community} = $${params.length}`;
  }
  return { join, where };
}

export async function answersView(
  db: Queryable,
  filter: Filter,
  period: Period,
  top: number,
): Promise<AnswersView> {
  const params: unknown[] = [period.from, period.to, top];
  const q = narrowed(filter, params, 'q.author_id', 'q.community_id');
  const a = narrowed(filter, params, 'a.asker_id', 'a.community_id');
  // Waiting at the period's end: never answered, or answered only after it (two small index ranges).
  const { rows } = await db.query<AnswersView>(
    `with waiting as (
       select q.created_at from analytics_questions q ${q.join}
        where q.first_answer_at is null and q.created_at < ${endOf('$2')} ${q.where}
       union all
       select q.created_at from analytics_questions q ${q.join}
        where q.first_answer_at >= ${endOf('$2')} and q.created_at < ${endOf('$2')} ${q.where}),
     given as (
       select a.author_id, a.across from analytics_answers a ${a.join}
        where a.created_at >= ${startOf('$1')} and a.created_at < ${endOf('$2')} ${a.where}),
     leaders as (
       select author_id, count(*)::int as answers from given group by author_id
        order by answers desc, author_id limit $3)
     select (select count(*)::int from waiting) as backlog,
            (select percentile_cont(0.5) within group (
                      order by date_part('epoch', ${endOf('$2')} - created_at) / 86400) from waiting)
              as median_age_days,
            (select max(date_part('epoch', ${endOf('$2')} - created_at) / 86400) from waiting) as oldest_age_days,
            (select count(*)::int from given) as answers,
            (select count(*) filter (where across)::int from given) as across,
            coalesce((select json_agg(json_build_object('handle', p.handle, 'name', p.name, 'answers', l.answers)
                                      order by l.answers desc, l.author_id)
                        from leaders l join people p on p.id = l.author_id), '[]') as top`,
    params,
  );
  return rows[0]!;
}

export const answersFigures = (view: AnswersView): Figure[] => [
  figure('unansweredBacklog', 'count', view.backlog),
  figure('backlogMedianAgeDays', 'days', maybe(view.median_age_days)),
  figure('answersFromOutside', 'percent', pct(view.across, view.answers)),
];
