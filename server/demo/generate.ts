/** The whole demo organisation from one seed: people, communities, follows, and six months of history. */
import { DAY, HOUR } from './calendar.js';
import { buildCommunities, type DemoCommunity, type Vitality } from './communities.js';
import { communityPlans } from './community-plans.js';
import { applyFunnel } from './funnel.js';
import { buildGoals, type DemoGoal } from './goals.js';
import { history, type ThreadRecord } from './history.js';
import { linkConditions } from './links.js';
import { type DemoPerson, generatePeople } from './organisation.js';
import { Picker } from './picker.js';
import { Random } from './random.js';
import type { FieldKey } from './texts/fields.js';
import { enFields } from './texts/fields-en.js';
import { nlFields } from './texts/fields-nl.js';
import { buildThemes, type DemoTheme, themeKickoffs } from './themes.js';

export type GenerateOptions = {
  seed: string;
  /** Epoch ms: the history ends here. */
  now: number;
  people: number;
  /** About how many threads over the six months. */
  threads: number;
  replyScale?: number;
  days?: number;
};

export const DEMO_DEFAULTS = { seed: 'plein-demo', people: 600, threads: 2600, days: 183 } as const;

export type DemoOrganisation = {
  people: DemoPerson[];
  communities: DemoCommunity[];
  personFollows: { followerId: number; followeeId: number; at: number }[];
  hashtagFollows: { personId: number; tag: string; at: number }[];
  hashtags: Hashtags;
  themes: DemoTheme[];
  goals: DemoGoal[];
  /** Generated lazily, in the order threads were started: consume once. */
  threads: Iterable<ThreadRecord>;
  start: number;
};

/** Hashtag ids in order of first use. */
export class Hashtags {
  readonly byTag = new Map<string, { id: number; createdAt: number }>();

  idOf(tag: string, at: number): number {
    let entry = this.byTag.get(tag);
    if (!entry) {
      entry = { id: this.byTag.size + 1, createdAt: at };
      this.byTag.set(tag, entry);
    }
    return entry.id;
  }
}

export function generateOrganisation(options: GenerateOptions): DemoOrganisation {
  const root = new Random(options.seed);
  const days = options.days ?? DEMO_DEFAULTS.days;
  const start = options.now - days * DAY;
  const people = generatePeople(root.fork('people'), options.people);
  applyFunnel(root.fork('funnel'), people);
  const communities = buildCommunities(root.fork('communities'), people, communityPlans);
  // A large organisation also has a community per team; the demo's ~40 stay readable without them.
  if (people.length > 2000)
    communities.push(...teamCommunities(root.fork('teams'), people, communities.length));
  const hashtags = new Hashtags();
  const follows = root.fork('follows');
  const themes = buildThemes(root.fork('themes'), people, communities, options.now);
  const goals = buildGoals(root.fork('goals'), people, communities, options.now);
  const threads = history(root.fork('history'), people, communities, {
    now: options.now,
    days,
    threads: options.threads,
    replyScale: options.replyScale ?? 1,
    scheduled: themeKickoffs(themes, communities),
  });
  return {
    people,
    communities,
    personFollows: personFollows(follows, people, start),
    hashtagFollows: hashtagFollows(follows, people, start, hashtags),
    hashtags,
    themes,
    goals,
    threads: linkConditions(root.fork('links'), threads, { communities, themes, goals, now: options.now }),
    start,
  };
}

/** Everyone follows a few people: often their manager, sometimes the CEO, and colleagues who write a lot. */
function personFollows(random: Random, people: DemoPerson[], start: number) {
  const ceo = people[0]!;
  const popular = new Picker(people, (p) => p.voice * p.voice);
  const out: DemoOrganisation['personFollows'] = [];
  for (const person of people) {
    const followees = new Set<DemoPerson>();
    if (person.manager && random.chance(0.7)) followees.add(person.manager);
    if (person !== ceo && random.chance(0.25)) followees.add(ceo);
    for (let i = random.poisson(1.5); i > 0; i--) followees.add(popular.pick(random)!);
    followees.delete(person);
    const joined = start + (183 - person.joinedDaysAgo) * DAY;
    for (const followee of followees) {
      out.push({ followerId: person.id, followeeId: followee.id, at: joined + random.int(1, 400) * HOUR });
    }
  }
  return out;
}

function hashtagFollows(random: Random, people: DemoPerson[], start: number, hashtags: Hashtags) {
  const out: DemoOrganisation['hashtagFollows'] = [];
  for (const person of people) {
    if (!random.chance(0.15)) continue;
    const fields = person.locale === 'nl' ? nlFields : enFields;
    const tag = random.pick(fields[fieldOf(person)].tags).slice(1);
    const at = start + (183 - person.joinedDaysAgo) * DAY + random.int(1, 900) * HOUR;
    hashtags.idOf(tag, at);
    out.push({ personId: person.id, tag, at });
  }
  return out;
}

export const fieldOf = (person: DemoPerson): FieldKey =>
  person.department.key === 'directie' ? 'company' : person.department.key;

/** One community per team lead with their reports: how a large organisation's everyday talk is spread. */
function teamCommunities(random: Random, people: DemoPerson[], offset: number): DemoCommunity[] {
  const reports = new Map<DemoPerson, DemoPerson[]>();
  for (const person of people) {
    if (person.manager?.level === 4)
      reports.set(person.manager, [...(reports.get(person.manager) ?? []), person]);
  }
  const vitalities: Vitality[] = ['thrives', 'steady', 'steady', 'dries'];
  return [...reports].map(([lead, team], i) => {
    const field = fieldOf(lead);
    return {
      slug: `team-${lead.handle.replace(/[^a-z0-9]+/g, '-')}`,
      name: `${lead.department.name} ${lead.location.name}: team ${lead.name}`,
      description: `Het team van ${lead.name}.`,
      visibility: random.chance(0.3) ? 'closed' : 'open',
      kind: 'specialist',
      field,
      language: lead.location.locale,
      audience: { everyone: true },
      share: 1,
      activity: 0.5,
      vitality: random.pick(vitalities),
      kinds: { question: 3, discussion: 3, praise: 1, idea: 1, announcement: 0.3 },
      responseMinutes: 30,
      answerRate: 0.85,
      id: offset + i + 1,
      sponsor: lead.manager ?? lead,
      owners: [lead],
      members: [lead, ...team],
      createdDaysAgo: 190,
    } as DemoCommunity;
  });
}
