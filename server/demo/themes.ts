/**
 * Strategic themes (condition 1): questions leaders opened, each with an opening discussion by its owner, threads
 * linked from the communities it concerns, and outcome updates ("what we did with it") — except one theme that has
 * waited for its first outcome for months, as happens.
 */
import { DAY, dayStartOf, MINUTE, officeMoment } from './calendar.js';
import type { DemoCommunity } from './communities.js';
import type { ScheduledPost } from './history.js';
import type { DemoPerson } from './organisation.js';
import type { DepartmentKey } from './places.js';
import type { Random } from './random.js';
import { kickoff, type ThemeKey, themeTexts } from './texts/themes.js';

type Author = 'owner' | 'ceo' | 'manager';

type ThemePlan = {
  key: ThemeKey;
  /** The leader who opened it: a department's director, or the CEO. */
  owner: DepartmentKey | 'ceo';
  openedDaysAgo: number;
  closedAfterDays?: number;
  endsInDays?: number;
  /** Days after opening that each outcome update came, and who wrote it. */
  outcomes: { afterDays: number; by: Author }[];
  /** Communities whose conversations link to it, and how often. */
  slugs: string[];
  share: number;
};

const plans: ThemePlan[] = [
  {
    key: 'response',
    owner: 'support',
    openedDaysAgo: 172,
    outcomes: [
      { afterDays: 41, by: 'owner' },
      { afterDays: 160, by: 'ceo' },
    ],
    slugs: ['klantenservice-nl', 'customer-support-uk', 'support-apac', 'kennisbank'],
    share: 0.12,
  },
  {
    key: 'stop',
    owner: 'ceo',
    openedDaysAgo: 160,
    closedAfterDays: 75,
    outcomes: [{ afterDays: 48, by: 'owner' }],
    slugs: ['ideeenbus', 'managers', 'kantoor-amsterdam', 'kantoor-rotterdam', 'london-office'],
    share: 0.18,
  },
  {
    key: 'sustainable',
    owner: 'operations',
    openedDaysAgo: 125,
    outcomes: [],
    slugs: ['duurzaam', 'lean', 'veiligheid'],
    share: 0.3,
  },
  {
    key: 'asia',
    owner: 'sales',
    openedDaysAgo: 95,
    endsInDays: 60,
    outcomes: [{ afterDays: 36, by: 'owner' }],
    slugs: ['singapore-office', 'support-apac', 'key-accounts', 'tendering'],
    share: 0.2,
  },
  {
    key: 'automation',
    owner: 'engineering',
    openedDaysAgo: 50,
    outcomes: [{ afterDays: 38, by: 'manager' }],
    slugs: ['kubernetes', 'architectuur', 'product-discovery', 'frontend', 'vraag-het-it'],
    share: 0.15,
  },
];

export type DemoTheme = {
  id: number;
  owner: DemoPerson;
  title: string;
  question: string;
  why: string;
  openedAt: number;
  closedAt: number | null;
  endsAt: number | null;
  outcomes: { authorId: number; at: number; body: string }[];
  followers: { personId: number; at: number }[];
  /** Communities whose threads may link to it while it is open, and the chance one does. */
  communityIds: Set<number>;
  share: number;
};

export function buildThemes(
  random: Random,
  people: DemoPerson[],
  communities: DemoCommunity[],
  now: number,
): DemoTheme[] {
  const ceo = people[0]!;
  const director = (key: DepartmentKey | 'ceo') =>
    key === 'ceo' ? ceo : (people.find((p) => p.level === 2 && p.department.key === key && p.leader) ?? ceo);
  const bySlug = new Map(communities.map((c) => [c.slug, c]));
  const signedIn = people.filter((p) => p.activatedAfterHours !== null);
  const themes: DemoTheme[] = [];
  for (const plan of plans) {
    const owner = director(plan.owner);
    const text = themeTexts[plan.key][owner.locale];
    const zone = owner.location.timeZone;
    // Nobody opens a theme before they joined.
    const openedDaysAgo = Math.min(plan.openedDaysAgo, owner.joinedDaysAgo - 2);
    const openedAt = officeMoment(random, zone, dayStartOf(now - openedDaysAgo * DAY));
    const manager = people.find((p) => p.level === 3 && p.leader && p.department === owner.department) ?? ceo;
    const joinedBy = (person: DemoPerson, at: number) => now - person.joinedDaysAgo * DAY <= at;
    const authorOf = (by: Author, at: number) => {
      const author = by === 'owner' ? owner : by === 'ceo' ? ceo : manager;
      return joinedBy(author, at) ? author : owner;
    };
    const outcomes = plan.outcomes
      .map((o, i) => {
        const at = officeMoment(random, zone, dayStartOf(openedAt + o.afterDays * DAY));
        return { authorId: authorOf(o.by, at).id, at, body: text.outcomes[i]! };
      })
      .filter((o) => o.at < now);
    const closedAt =
      plan.closedAfterDays === undefined
        ? null
        : officeMoment(random, zone, dayStartOf(openedAt + plan.closedAfterDays * DAY));
    const followers = new Map<number, number>([[owner.id, openedAt]]);
    for (const person of random.sample(signedIn, random.int(15, 40))) {
      const at = openedAt + random.exponential(6 * DAY);
      if (at < now && joinedBy(person, at) && !followers.has(person.id)) followers.set(person.id, at);
    }
    themes.push({
      id: themes.length + 1,
      owner,
      title: text.title,
      question: text.question,
      why: text.why,
      openedAt,
      closedAt: closedAt !== null && closedAt < now ? closedAt : null,
      endsAt:
        plan.endsInDays === undefined ? null : dayStartOf(now + plan.endsInDays * DAY) + 17 * 60 * MINUTE,
      outcomes,
      followers: [...followers].map(([personId, at]) => ({ personId, at })),
      communityIds: new Set(plan.slugs.flatMap((slug) => bySlug.get(slug)?.id ?? [])),
      share: plan.share,
    });
  }
  return themes;
}

/** Each theme's opening discussion, by its owner, in the company-wide community. */
export function themeKickoffs(themes: DemoTheme[], communities: DemoCommunity[]): ScheduledPost[] {
  const everyone = communities.find((c) => c.slug === 'iedereen');
  if (!everyone) return [];
  return themes.map((theme) => ({
    at: theme.openedAt + 20 * MINUTE,
    communityId: everyone.id,
    authorId: theme.owner.id,
    kind: 'discussion',
    title: theme.title,
    body: kickoff(theme.owner.locale, theme),
    themeId: theme.id,
  }));
}

/** Whether a thread started at `at` in a community may be linked to the theme: it was open then and there. */
export const themeOpenFor = (theme: DemoTheme, communityId: number | null, at: number) =>
  communityId !== null &&
  theme.communityIds.has(communityId) &&
  at >= theme.openedAt &&
  at < (theme.closedAt ?? theme.endsAt ?? Number.POSITIVE_INFINITY);
