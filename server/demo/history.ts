/**
 * Six months of conversation, day by day: who starts what, where, when, and who answers. Threads come out in
 * the order they were started, each with its replies, reactions and follows, so a caller can stream millions.
 */
import { DAY, dayFactor, dayStartOf, intoOfficeHours, MINUTE, officeMoment } from './calendar.js';
import { type DemoCommunity, paceOf, type ThreadKindMix, type Vitality } from './communities.js';
import type { DemoPerson } from './organisation.js';
import { Picker } from './picker.js';
import type { Random } from './random.js';
import type { FieldKey } from './texts/fields.js';
import type { Frames } from './texts/frames.js';
import { Board, comparableTitle, type Language, type Scene, Writer, type Written } from './texts/writer.js';

export type ThreadKind = 'discussion' | 'question' | 'announcement' | 'idea' | 'update' | 'praise';
export type ReactionKind = 'like' | 'love' | 'celebrate' | 'insightful' | 'thanks' | 'laugh';
export type IdeaStatus = 'new' | 'under_review' | 'planned' | 'done' | 'declined';

export type Reaction = { personId: number; kind: ReactionKind; at: number };

export type ReplyRecord = {
  id: number;
  parentId: number | null;
  authorId: number;
  body: string;
  at: number;
  mentions: number[];
  reactions: Reaction[];
};

export type StatusChange = { from: IdeaStatus; to: IdeaStatus; note: string; by: number; at: number };

/** A post planned outside the usual flow (a theme's opening discussion), with its own text. */
export type ScheduledPost = {
  at: number;
  communityId: number;
  authorId: number;
  kind: ThreadKind;
  title: string;
  body: string;
  themeId: number | null;
};

export type ThreadRecord = {
  id: number;
  communityId: number | null;
  authorId: number;
  kind: ThreadKind;
  title: string;
  body: string;
  origin: 'top_down' | 'bottom_up';
  companyWide: boolean;
  status: 'open' | 'answered' | IdeaStatus | null;
  acceptedReplyId: number | null;
  firstReplyAt: number | null;
  acceptedAt: number | null;
  lastActivityAt: number;
  createdAt: number;
  mentions: number[];
  tags: string[];
  replies: ReplyRecord[];
  reactions: Reaction[];
  follows: { personId: number; at: number }[];
  statusChanges: StatusChange[];
  /** Strategic theme and business goal it is linked to (filled in by links.ts for most threads). */
  themeId: number | null;
  goalId: number | null;
  /** Idea votes, one per person. */
  votes: { personId: number; at: number }[];
  /** The people a praise post recognises: the colleagues it mentions. */
  praised: number[];
};

export type HistoryOptions = {
  /** Epoch ms; nothing happens after it. */
  now: number;
  days: number;
  /** About how many threads to start over the whole period. */
  threads: number;
  /** Multiplies every kind's usual number of replies. */
  replyScale: number;
  scheduled?: ScheduledPost[];
};

/** A burst: a day the organisation talks much more than usual somewhere. */
type Burst = { daysAgo: number; length: number; factor: number; slugs?: string[]; fields?: FieldKey[] };
const bursts: Burst[] = [
  { daysAgo: 122, length: 3, factor: 3, slugs: ['iedereen', 'managers', 'board'] }, // the reorganisation
  { daysAgo: 95, length: 2, factor: 2.2, slugs: ['iedereen'] }, // quarterly results
  { daysAgo: 76, length: 2, factor: 5, fields: ['support', 'engineering'] }, // the big outage
  { daysAgo: 41, length: 4, factor: 3.5, slugs: ['tendering'] }, // a tender deadline
  { daysAgo: 6, length: 2, factor: 2.2, slugs: ['iedereen'] }, // quarterly results again
];

const replyMeans: Record<ThreadKind, number> = {
  question: 2.3,
  discussion: 4.6,
  idea: 3.6,
  announcement: 3.4,
  praise: 2.4,
  update: 1.2,
};
const reactionMeans: Record<ThreadKind, number> = {
  question: 1.2,
  discussion: 2.6,
  idea: 3.5,
  announcement: 7,
  praise: 6,
  update: 2,
};
const reactionKinds: Record<ThreadKind, ReactionKind[]> = {
  question: ['thanks', 'insightful', 'like'],
  discussion: ['like', 'insightful', 'like', 'laugh'],
  idea: ['like', 'insightful', 'love', 'celebrate'],
  announcement: ['like', 'celebrate', 'like', 'love'],
  praise: ['celebrate', 'love', 'thanks', 'like'],
  update: ['like', 'celebrate', 'laugh'],
};

/** Relative activity at point t (0 = six months ago, 1 = now) of a community that develops this way. */
export function vitalityAt(vitality: Vitality, t: number, startT = 0.5): number {
  switch (vitality) {
    case 'thrives':
      return 0.5 + 1.2 * t;
    case 'steady':
      return 1;
    case 'dries':
      return Math.max(0.03, 1.5 * (1 - t) ** 2);
    case 'late':
      return t < startT ? 0 : 0.5 + 1.5 * ((t - startT) / (1 - startT));
  }
}

type Source = {
  community: DemoCommunity | null;
  weight: number;
  leaders: Picker<DemoPerson>;
  others: Picker<DemoPerson>;
  everyone: Picker<DemoPerson>;
  announcers: DemoPerson[];
  startT: number;
};

export function* history(
  random: Random,
  people: DemoPerson[],
  communities: DemoCommunity[],
  options: HistoryOptions,
): Generator<ThreadRecord> {
  const voice = (p: DemoPerson) => p.voice;
  const sources: Source[] = communities.map((community) => {
    const members = community.members;
    return {
      community,
      weight: community.activity * Math.sqrt(Math.max(members.length, 3) / 20),
      leaders: new Picker(
        members.filter((p) => p.leader),
        voice,
      ),
      others: new Picker(
        members.filter((p) => !p.leader),
        voice,
      ),
      everyone: new Picker(members, voice),
      announcers: [...new Set([...(community.sponsor ? [community.sponsor] : []), ...community.owners])],
      startT: 1 - community.createdDaysAgo / options.days,
    };
  });
  const everybody = new Picker(people, voice);
  const leaders = people.filter((p) => p.leader && p.level <= 2);
  const stream = new Stream(random, options);
  const scheduled = [...(options.scheduled ?? [])].sort((a, b) => a.at - b.at);

  const start = dayStartOf(options.now) - (options.days - 1) * DAY;
  const expectedOn = (source: Source, day: number) => {
    const t = (day - start) / (options.days * DAY);
    const daysAgo = Math.round((dayStartOf(options.now) - day) / DAY);
    const c = source.community!;
    let factor = source.weight * vitalityAt(c.vitality, t, source.startT) * dayFactor(day);
    if (t < 0.12) factor *= 1.6 - 5 * t; // the novelty of a new network, the first weeks
    for (const burst of bursts) {
      const inBurst = daysAgo <= burst.daysAgo && daysAgo > burst.daysAgo - burst.length;
      if (inBurst && (burst.slugs?.includes(c.slug) || burst.fields?.includes(c.field)))
        factor *= burst.factor;
    }
    return factor;
  };
  // Scale so that the whole period holds about the number of threads asked for.
  let total = 0;
  for (let day = start; day <= options.now; day += DAY) {
    for (const source of sources) total += expectedOn(source, day);
  }
  const perUnit = (options.threads * 0.97) / total;

  for (let day = start; day <= options.now; day += DAY) {
    const t = (day - start) / (options.days * DAY);
    const planned: Planned[] = [];
    for (const source of sources) {
      const n = random.poisson(expectedOn(source, day) * perUnit);
      for (let i = 0; i < n; i++) {
        const kind = random.weighted(
          Object.keys(source.community!.kinds),
          (k) => source.community!.kinds[k as keyof ThreadKindMix]!,
        ) as ThreadKind;
        const author = stream.authorFor(source, kind, t);
        if (!author) continue;
        planned.push({ source, kind, author, at: officeMoment(random, author.location.timeZone, day) });
      }
    }
    // Outside communities: company-wide news from the top, and personal updates.
    const outside = random.poisson(((options.threads * 0.03) / options.days) * dayFactor(day));
    for (let i = 0; i < outside; i++) {
      const news = random.chance(0.35);
      const author = news ? random.pick(leaders) : everybody.pick(random)!;
      planned.push({
        source: {
          community: null,
          weight: 0,
          leaders: everybody,
          others: everybody,
          everyone: everybody,
          announcers: [],
          startT: 0,
        },
        kind: news ? 'announcement' : 'update',
        author,
        at: officeMoment(random, author.location.timeZone, day),
      });
    }
    while (scheduled.length > 0 && scheduled[0]!.at < day + DAY) {
      const post = scheduled.shift()!;
      planned.push({
        source: sources[post.communityId - 1]!,
        kind: post.kind,
        author: people[post.authorId - 1]!,
        at: post.at,
        scheduled: post,
      });
    }
    planned.sort((a, b) => a.at - b.at);
    for (const plan of planned) {
      if (plan.at >= options.now) continue;
      yield stream.thread(plan);
    }
  }
}

type Planned = {
  source: Source;
  kind: ThreadKind;
  author: DemoPerson;
  at: number;
  scheduled?: ScheduledPost;
};

/** Writes each planned thread out: text, replies, reactions, follows; hands out ids in order. */
class Stream {
  private nextThreadId = 1;
  private nextReplyId = 1;
  private readonly writer: Writer;
  private readonly boards = new Map<number, Board>();

  constructor(
    private readonly random: Random,
    private readonly options: HistoryOptions,
  ) {
    // Its own stream: drafting a text again (to keep a board fresh) leaves who posts what, and when, as it was.
    this.writer = new Writer(random.fork('texts'));
  }

  /** Leaders start more of the early topics and fewer of the later ones (condition 4). */
  authorFor(source: Source, kind: ThreadKind, t: number): DemoPerson | undefined {
    const random = this.random;
    if (kind === 'announcement') return random.pick(source.announcers);
    const leaderBias = 0.45 + 4.5 * (1 - t) ** 1.6;
    const leaderWeight = source.leaders.total * leaderBias;
    const pool =
      random.next() * (leaderWeight + source.others.total) < leaderWeight ? source.leaders : source.others;
    const daysAgo = (1 - t) * this.options.days;
    for (let attempt = 0; attempt < 3; attempt++) {
      const person = pool.pick(random) ?? source.everyone.pick(random);
      if (person && person.joinedDaysAgo >= daysAgo) return person;
    }
    return undefined;
  }

  thread(plan: Planned): ThreadRecord {
    const { source, kind, author, at } = plan;
    const random = this.random;
    const community = source.community;
    const language: Language =
      community && community.language !== 'mixed' ? community.language : author.locale;
    // An idea box hears from every department: each author proposes something from their own work.
    const field = community?.authorsField ? ownField(author) : (community?.field ?? 'company');
    const scene = this.scene(language, field, author, author, source, at);
    const board = this.boardOf(community);
    // When the author's own field has run out of new ideas for this board, the community's field has more.
    const scenes: [Scene, ...Scene[]] =
      community && field !== community.field ? [scene, { ...scene, field: community.field }] : [scene];
    const { title, body } = plan.scheduled
      ? {
          title: plan.scheduled.title,
          body: { text: plan.scheduled.body, mentions: [], tags: [], topics: [] },
        }
      : this.openingPost(kind, scenes, board);
    if (plan.scheduled) board.titles.add(comparableTitle(plan.scheduled.title));
    const id = this.nextThreadId++;
    const t = community
      ? vitalityAt(
          community.vitality,
          (at - (this.options.now - this.options.days * DAY)) / (this.options.days * DAY),
          source.startT,
        )
      : 1;
    const liveliness = Math.min(1.3, 0.55 + 0.45 * t);
    const answered =
      kind === 'question' &&
      random.chance(
        paceOf(community, (this.options.now - at) / DAY).answerRate * (0.75 + 0.25 * Math.min(t, 1)),
      );
    let replyCount = random.poisson(replyMeans[kind] * this.options.replyScale * liveliness);
    if (answered) replyCount = Math.max(1, replyCount);
    const replies = this.replies(plan, scene, replyCount, answered);
    const answer = answered ? replies.find((r) => r.isAnswer) : undefined;
    let acceptedAt: number | null = null;
    if (answer) {
      const accepting = intoOfficeHours(
        random,
        author.location.timeZone,
        answer.at + random.logNormal(90, 1.1) * MINUTE,
      );
      if (accepting < this.options.now) {
        acceptedAt = accepting;
        answer.reactions = answer.reactions.filter((r) => r.personId !== author.id);
        answer.reactions.push({ personId: author.id, kind: 'thanks', at: accepting });
        if (random.chance(0.6) && accepting + 3 * MINUTE < this.options.now) {
          const thanks = this.writer.write(scene, (f) => f.thanks);
          replies.push(
            this.reply(author, thanks, accepting + random.int(1, 3) * MINUTE, answer.parent ?? answer),
          );
        }
      }
    }
    replies.sort((a, b) => a.at - b.at);
    for (const reply of replies) reply.id = this.nextReplyId++;
    const records: ReplyRecord[] = replies.map((r) => ({
      id: r.id,
      parentId: r.parent?.id ?? null,
      authorId: r.author.id,
      body: r.written.text,
      at: r.at,
      mentions: r.written.mentions,
      reactions: r.reactions,
    }));
    const firstByOther = replies.find((r) => r.author !== author);
    const follows = new Map<number, number>([[author.id, at]]);
    for (const reply of replies) if (!follows.has(reply.author.id)) follows.set(reply.author.id, reply.at);
    const statusChanges = kind === 'idea' ? this.ideaPath(source, at, language) : [];
    return {
      id,
      communityId: community?.id ?? null,
      authorId: author.id,
      kind,
      title,
      body: body.text,
      origin: author.leader ? 'top_down' : 'bottom_up',
      companyWide: kind === 'announcement' && !community,
      status:
        kind === 'question'
          ? acceptedAt !== null
            ? 'answered'
            : 'open'
          : kind === 'idea'
            ? (statusChanges.at(-1)?.to ?? 'new')
            : null,
      acceptedReplyId: acceptedAt !== null ? answer!.id : null,
      firstReplyAt: firstByOther?.at ?? null,
      acceptedAt,
      lastActivityAt: replies.at(-1)?.at ?? at,
      createdAt: at,
      mentions: body.mentions,
      tags: body.tags,
      replies: records,
      reactions: this.reactions(source, kind, author, at),
      follows: [...follows].map(([personId, followedAt]) => ({ personId, at: followedAt })),
      statusChanges,
      themeId: plan.scheduled?.themeId ?? null,
      goalId: null,
      votes: [],
      praised: kind === 'praise' ? body.mentions : [],
    };
  }

  private scene(
    language: Language,
    field: FieldKey,
    writer: DemoPerson,
    threadAuthor: DemoPerson,
    source: Source,
    at: number,
  ): Scene {
    const random = this.random;
    const month = new Date(at).getUTCMonth();
    return {
      language,
      field,
      office: writer.location.name,
      author: threadAuthor.firstName,
      weekday: random.int(1, 5), // a meeting on a working day
      month,
      colleague: () => {
        const other =
          writer !== threadAuthor && random.chance(0.5) ? threadAuthor : source.everyone.pick(random);
        return other && other !== writer ? { id: other.id, handle: other.handle } : null;
      },
    };
  }

  /** Each community's memory of what it has shown; threads outside communities share one. */
  private boardOf(community: DemoCommunity | null): Board {
    const key = community?.id ?? 0;
    let board = this.boards.get(key);
    if (!board) {
      board = new Board();
      this.boards.set(key, board);
    }
    return board;
  }

  private openingPost(
    kind: ThreadKind,
    scenes: [Scene, ...Scene[]],
    board: Board,
  ): { title: string; body: Written } {
    const w = this.writer;
    const scene = scenes[0];
    switch (kind) {
      case 'question':
        return w.freshTitled(
          scenes,
          board,
          (f) => f.questionTitle,
          (f) => f.questionBody,
        );
      case 'discussion':
        return w.freshTitled(
          scenes,
          board,
          (f) => f.discussionTitle,
          (f) => f.discussionBody,
        );
      case 'idea':
        return w.freshTitled(
          scenes,
          board,
          (f) => f.ideaTitle,
          (f) => f.ideaBody,
        );
      case 'announcement':
        return w.freshTitled(
          scenes,
          board,
          (f) => f.announcementTitle,
          (f) => f.announcementBody,
        );
      case 'praise': {
        // Praise always names someone: write it again in the rare case no colleague could be mentioned.
        let body = w.freshWrite(scene, board, (f) => f.praise);
        for (let i = 0; i < 8 && body.mentions.length === 0; i++)
          body = w.freshWrite(scene, board, (f) => f.praise);
        return { title: '', body };
      }
      case 'update':
        return { title: '', body: w.freshWrite(scene, board, (f) => f.update) };
    }
  }

  private replies(plan: Planned, threadScene: Scene, count: number, answered: boolean): Draft[] {
    const random = this.random;
    const { source, kind, author } = plan;
    const community = source.community;
    const drafts: Draft[] = [];
    const pace = paceOf(community, (this.options.now - plan.at) / DAY);
    const firstDelay = pace.responseMinutes * (kind === 'question' ? 1 : 2);
    let at = plan.at + random.logNormal(firstDelay, 1.2) * MINUTE;
    const answerAt = answered ? (random.chance(0.7) ? 0 : 1) : -1;
    let othersSoFar = 0;
    for (let i = 0; i < count; i++) {
      const authorAnswers = i > 0 && kind !== 'question' && random.chance(0.2);
      let replier = authorAnswers ? author : source.everyone.pick(random)!;
      // A team on duty for a response goal: a colleague in the asker's time zone picks it up, from the early shift.
      const firstOnDuty = pace.onDuty && kind === 'question' && othersSoFar === 0;
      for (let a = 0; firstOnDuty && a < 4 && !sameZone(replier, author); a++) {
        replier = source.everyone.pick(random)!;
      }
      // Someone else in the community, never an outsider: closed communities only hear from their members.
      if (replier === author && !authorAnswers) replier = source.everyone.pick(random)!;
      if (replier === author && kind === 'question') continue;
      at = intoOfficeHours(random, replier.location.timeZone, at, firstOnDuty ? EARLY_SHIFT : undefined);
      if (at >= this.options.now || at - plan.at > 45 * DAY) break;
      const isAnswer =
        kind === 'question' && replier !== author && othersSoFar === Math.max(0, answerAt) && answered;
      if (replier !== author) othersSoFar++;
      const language: Language =
        community && community.language !== 'mixed' ? community.language : replier.locale;
      const scene = this.scene(language, threadScene.field, replier, author, source, at);
      // After the answer, others add to it or chip in; before it, people wonder along.
      const answering = isAnswer || (kind === 'question' && othersSoFar > 1 && random.chance(0.4));
      const frames = kind === 'question' ? (answering ? answerFrames : otherFrames) : replyFrames(kind);
      const written = this.writer.write(scene, frames);
      const topLevel = drafts.filter((d) => !d.parent);
      const parent = drafts.length >= 2 && random.chance(0.25) ? random.pick(topLevel) : undefined;
      const draft = this.reply(replier, written, at, parent);
      draft.isAnswer = isAnswer;
      if (random.chance(0.35)) {
        const by = source.everyone.pick(random)!;
        const reactedAt = at + random.logNormal(60, 1) * MINUTE;
        if (by !== replier && reactedAt < this.options.now) {
          draft.reactions.push({
            personId: by.id,
            kind: random.pick(['like', 'insightful', 'thanks'] as const),
            at: reactedAt,
          });
        }
      }
      drafts.push(draft);
      at += random.logNormal(kind === 'question' ? 30 : 50, 1.3) * MINUTE;
    }
    return drafts;
  }

  private reply(author: DemoPerson, written: Written, at: number, parent: Draft | undefined): Draft {
    return { id: 0, author, written, at, parent, reactions: [], isAnswer: false };
  }

  private reactions(source: Source, kind: ThreadKind, author: DemoPerson, at: number): Reaction[] {
    const random = this.random;
    const reach = Math.min(4, Math.sqrt(source.everyone.size / 40));
    const n = random.poisson(reactionMeans[kind] * reach);
    if (n === 0) return [];
    const reactors = source.everyone.distinct(random, n, new Set([author]));
    const out: Reaction[] = [];
    for (const person of reactors) {
      const reactedAt = at + random.logNormal(150, 1.3) * MINUTE;
      if (reactedAt >= this.options.now) continue;
      out.push({ personId: person.id, kind: random.pick(reactionKinds[kind]), at: reactedAt });
    }
    return out;
  }

  /** An idea moves on after a while: reviewed, then planned and done, or declined, each with a note. */
  private ideaPath(source: Source, at: number, language: Language): StatusChange[] {
    const random = this.random;
    const notes = this.writer.frames(language).statusNote;
    // Whoever may move an idea: the community's owners, its sponsor, or one of its leaders.
    const deciders = [
      ...(source.community?.owners ?? []),
      ...(source.community?.sponsor ? [source.community.sponsor] : []),
    ];
    const leader = source.leaders.pick(random);
    if (leader) deciders.push(leader);
    if (deciders.length === 0 || !random.chance(0.65)) return [];
    const by = random.pick(deciders).id;
    const path: Exclude<IdeaStatus, 'new'>[] = ['under_review'];
    if (random.chance(0.55)) path.push('planned');
    else if (random.chance(0.35)) path.push('declined');
    if (path.at(-1) === 'planned' && random.chance(0.45)) path.push('done');
    const changes: StatusChange[] = [];
    let when = at;
    let from: IdeaStatus = 'new';
    for (const to of path) {
      when += random.logNormal(6, 0.7) * DAY;
      if (when >= this.options.now) break;
      changes.push({ from, to, note: random.pick(notes[to]), by, at: when });
      from = to;
    }
    return changes;
  }
}

/** The field of a person's own work: their department's, the company's for the CEO's office. */
const ownField = (person: DemoPerson): FieldKey =>
  person.department.key === 'directie' ? 'company' : person.department.key;

const EARLY_SHIFT = { fromMinutes: 8 * 60 + 30, spreadMinutes: 40 };
const sameZone = (a: DemoPerson, b: DemoPerson) => a !== b && a.location.timeZone === b.location.timeZone;

type Draft = {
  id: number;
  author: DemoPerson;
  written: Written;
  at: number;
  parent: Draft | undefined;
  reactions: Reaction[];
  isAnswer: boolean;
};

const answerFrames = (f: Frames) => f.answer;
const otherFrames = (f: Frames) => f.otherReply;

function replyFrames(kind: ThreadKind): (f: Frames) => string[] {
  switch (kind) {
    case 'idea':
      return (f) => f.ideaReply;
    case 'announcement':
      return (f) => f.announcementReply;
    case 'praise':
      return (f) => f.praiseReply;
    default:
      return (f) => f.discussionReply;
  }
}
