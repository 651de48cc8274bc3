/**
 * Business goals (condition 2): measurable KPIs over a scope of communities and hashtags, set by leaders. The demo
 * has one goal that is met (support's one-hour first response) and one that is missed (platform questions resolved
 * within two hours), so the goal pages and the scorecard show both.
 */
import { DAY, dayStartOf, officeMoment } from './calendar.js';
import type { DemoCommunity } from './communities.js';
import type { ThreadKind } from './history.js';
import type { DemoPerson } from './organisation.js';
import type { DepartmentKey } from './places.js';
import type { Random } from './random.js';

export type Kpi = 'first_response_time' | 'resolution_time' | 'answer_rate' | 'idea_throughput';
export type BusinessCalendar = { days: number[]; start: string; end: string };

type Text = { name: string; description: string };

type GoalPlan = {
  owner: DepartmentKey;
  kpi: Kpi;
  /** Minutes for the time KPIs, percent for answer rate, ideas done per week for throughput. */
  target: number;
  /** Share of questions (percent) that must make the time target for the goal to be met. */
  attainmentTarget: number;
  calendar: BusinessCalendar | null;
  slugs: string[];
  tags: string[];
  /** The kinds of thread it measures. */
  kinds: ThreadKind[];
  createdDaysAgo: number;
  text: Record<'nl' | 'en', Text>;
};

const OFFICE_HOURS: BusinessCalendar = { days: [1, 2, 3, 4, 5], start: '09:00', end: '18:00' };

const plans: GoalPlan[] = [
  {
    owner: 'support',
    kpi: 'first_response_time',
    target: 60,
    attainmentTarget: 80,
    calendar: OFFICE_HOURS,
    slugs: ['klantenservice-nl', 'customer-support-uk', 'support-apac'],
    tags: [],
    kinds: ['question'],
    createdDaysAgo: 130,
    text: {
      nl: {
        name: 'Klantvragen binnen een uur beantwoord',
        description:
          'Elke vraag in de supportcommunities krijgt binnen 60 minuten een eerste reactie van een collega, gerekend in kantooruren (ma–vr 09:00–18:00 in de tijdzone van de vrager). We halen het doel als dat bij minstens 80% van de vragen lukt.',
      },
      en: {
        name: 'Customer questions answered within an hour',
        description:
          "Every question in the support communities gets a first response from a colleague within 60 minutes, counted in office hours (Mon–Fri 09:00–18:00 in the asker's time zone). The goal is met when at least 80% of questions make it.",
      },
    },
  },
  {
    owner: 'engineering',
    kpi: 'resolution_time',
    target: 120,
    attainmentTarget: 80,
    calendar: null,
    slugs: ['kubernetes', 'postgresql'],
    tags: ['kubernetes'],
    kinds: ['question'],
    createdDaysAgo: 110,
    text: {
      nl: {
        name: 'Platformvragen binnen twee uur opgelost',
        description:
          'Vragen over ons platform (de communities Kubernetes en PostgreSQL, en #kubernetes) hebben binnen twee uur een geaccepteerd antwoord, zodat teams niet stilstaan. Doel: 80% van de vragen.',
      },
      en: {
        name: 'Platform questions resolved within two hours',
        description:
          'Questions about our platform (the Kubernetes and PostgreSQL communities, and #kubernetes) have an accepted answer within two hours, so teams are not blocked. Target: 80% of questions.',
      },
    },
  },
  {
    owner: 'operations',
    kpi: 'idea_throughput',
    target: 1,
    attainmentTarget: 80,
    calendar: null,
    slugs: ['lean', 'ideeenbus'],
    tags: [],
    kinds: ['idea'],
    createdDaysAgo: 100,
    text: {
      nl: {
        name: 'Elke week een verbeteridee live',
        description:
          'Gemiddeld één idee per week uit Lean & verbeteren of de Ideeënbus bereikt de status "gerealiseerd".',
      },
      en: {
        name: 'One improvement idea live every week',
        description: 'On average one idea a week from Lean & improvement or the Ideas box reaches "done".',
      },
    },
  },
];

export type DemoGoal = {
  id: number;
  owner: DemoPerson;
  name: string;
  description: string;
  kpi: Kpi;
  target: number;
  attainmentTarget: number;
  calendar: BusinessCalendar | null;
  createdAt: number;
  communityIds: Set<number>;
  tags: string[];
  kinds: ThreadKind[];
};

/** A goal measures the in-scope threads of the 12 weeks before it was set, as setting one links them. */
export const GOAL_LOOKBACK = 84 * DAY;

export function buildGoals(
  random: Random,
  people: DemoPerson[],
  communities: DemoCommunity[],
  now: number,
): DemoGoal[] {
  const ceo = people[0]!;
  const bySlug = new Map(communities.map((c) => [c.slug, c]));
  return plans.map((plan, i) => {
    const owner = people.find((p) => p.level === 2 && p.department.key === plan.owner && p.leader) ?? ceo;
    const text = plan.text[owner.locale];
    const daysAgo = Math.min(plan.createdDaysAgo, owner.joinedDaysAgo - 1);
    return {
      id: i + 1,
      owner,
      name: text.name,
      description: text.description,
      kpi: plan.kpi,
      target: plan.target,
      attainmentTarget: plan.attainmentTarget,
      calendar: plan.calendar,
      createdAt: officeMoment(random, owner.location.timeZone, dayStartOf(now - daysAgo * DAY)),
      communityIds: new Set(plan.slugs.flatMap((slug) => bySlug.get(slug)?.id ?? [])),
      tags: plan.tags,
      kinds: plan.kinds,
    };
  });
}

/** Whether the goal measures a thread: its kind, in its scope, started after the look-back began. */
export function goalCovers(
  goal: DemoGoal,
  thread: { kind: ThreadKind; communityId: number | null; tags: string[]; createdAt: number },
): boolean {
  if (!goal.kinds.includes(thread.kind) || thread.createdAt < goal.createdAt - GOAL_LOOKBACK) return false;
  const inCommunity = thread.communityId !== null && goal.communityIds.has(thread.communityId);
  return inCommunity || thread.tags.some((tag) => goal.tags.includes(tag));
}
