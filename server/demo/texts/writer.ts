/** Fills sentence frames with a field's vocabulary, and remembers whom a text mentions and which tags it uses. */
import { weekdayNames } from '../calendar.js';
import type { Random } from '../random.js';
import type { Field, FieldKey } from './fields.js';
import { enFields } from './fields-en.js';
import { nlFields } from './fields-nl.js';
import { enFrames, type Frames, nlFrames } from './frames.js';

export type Language = 'nl' | 'en';

/** topics: the idea and news it is about, as field:slot:index (the same index is the same item in both languages). */
export type Written = { text: string; mentions: number[]; tags: string[]; topics: string[] };

/** Who a text may mention, and the details that make it local. */
export type Scene = {
  language: Language;
  field: FieldKey;
  office: string;
  /** The thread author's first name, for replies addressing them. */
  author: string;
  /** Picks a colleague to @mention: their person id and handle. */
  colleague: () => { id: number; handle: string } | null;
  weekday: number;
  /** The month it is written in, 0–11: announcements and plans name it. */
  month: number;
};

/**
 * What one community has already shown: its titles as a reader compares them, and the ideas and news they were
 * about (in either language), so a board does not repeat itself.
 */
export class Board {
  readonly titles = new Set<string>();
  readonly topics = new Set<string>();
  readonly bodies = new Set<string>();
}

/** How many drafts a title gets before a fresher one is given up on, and before it is qualified. */
const FRESH_TOPIC_ATTEMPTS = 24;
const FRESH_TITLE_ATTEMPTS = 48;

/** Slots whose value is what a post is about: the same one twice on a board reads as a repeat. */
const TOPIC_SLOTS = new Set(['idea', 'news']);

const SLOT = /\{(\w+)\}/g;

export class Writer {
  constructor(private readonly random: Random) {}

  frames(language: Language): Frames {
    return language === 'nl' ? nlFrames : enFrames;
  }

  field(scene: Scene): Field {
    return (scene.language === 'nl' ? nlFields : enFields)[scene.field];
  }

  /** One frame of the given list, filled in. */
  write(scene: Scene, pick: (frames: Frames) => string[]): Written {
    return this.fill(scene, this.random.pick(pick(this.frames(scene.language))));
  }

  fill(scene: Scene, frame: string): Written {
    const field = this.field(scene);
    const mentions: number[] = [];
    const tags: string[] = [];
    // One value per slot and text, so a title and its body talk about the same thing; indexes name the same
    // item in either language.
    const chosen = new Map<string, string>();
    const indexes = new Map<string, number>();
    const once = (slot: string, options: string[]) => {
      let value = chosen.get(slot);
      if (value === undefined) {
        const index = Math.floor(this.random.next() * options.length);
        value = options[index]!;
        chosen.set(slot, value);
        indexes.set(slot, index);
      }
      return value;
    };
    const fillOnce = (text: string) =>
      text.replace(SLOT, (_, slot: string) => {
        const lower = slot.toLowerCase();
        const capital = slot !== lower;
        let value: string;
        switch (lower) {
          case 'subject':
            value = once('subject', field.subjects);
            break;
          case 'detail':
            value = once('detail', field.details);
            break;
          case 'fix':
            value = once('fix', field.fixes);
            break;
          case 'point':
            value = once('point', field.points);
            break;
          case 'idea':
            value = once('idea', field.ideas);
            break;
          case 'news':
            value = once('news', field.news);
            break;
          case 'achievement':
            value = once('achievement', field.achievements);
            break;
          case 'tag': {
            if (this.random.chance(0.35)) return '';
            value = this.random.pick(field.tags);
            const tag = value.slice(1);
            if (!tags.includes(tag)) tags.push(tag);
            break;
          }
          case 'mention': {
            const colleague = scene.colleague();
            if (!colleague) return scene.language === 'nl' ? 'een collega' : 'a colleague';
            if (!mentions.includes(colleague.id)) mentions.push(colleague.id);
            return `@${colleague.handle}`;
          }
          case 'author':
            value = scene.author;
            break;
          case 'office':
            value = scene.office;
            break;
          case 'day':
            value = weekdayNames[scene.language][scene.weekday]!;
            break;
          case 'team':
            value = once('team', this.frames(scene.language).teams);
            break;
          case 'facet':
            value = once('facet', this.frames(scene.language).facets);
            break;
          case 'month':
            value = monthNames[scene.language][scene.month]!;
            break;
          case 'nextmonth':
            value = monthNames[scene.language][(scene.month + 1) % 12]!;
            break;
          default:
            throw new Error(`Unknown slot {${slot}} in a demo text frame`);
        }
        return capital ? value.charAt(0).toUpperCase() + value.slice(1) : value;
      });
    // A value may hold slots of its own (news "in {office}"): filled in a second round.
    let text = fillOnce(frame);
    for (let round = 0; round < 2 && /\{\w+\}/.test(text); round++) text = fillOnce(text);
    // A topic is its item with what its own slots said: the team day of Sales in May is not the one of HR.
    const topics = [...TOPIC_SLOTS].flatMap((slot) => {
      const value = chosen.get(slot);
      if (value === undefined) return [];
      const own = [...value.matchAll(SLOT)].map(([, inner]) => {
        const key = inner!.toLowerCase();
        if (key === 'office') return scene.office;
        if (key === 'month' || key === 'nextmonth') return String(scene.month);
        if (key === 'day') return String(scene.weekday);
        return String(indexes.get(key) ?? chosen.get(key));
      });
      return [[scene.field, slot, indexes.get(slot), ...own].join(':')];
    });
    return { text: text.replace(/ +$/gm, '').trim(), mentions, tags, topics };
  }

  /** A title and a body about the same subject. */
  titled(scene: Scene, title: (f: Frames) => string[], body: (f: Frames) => string[]) {
    const frames = this.frames(scene.language);
    const joined = `${this.random.pick(title(frames))}\u0000${this.random.pick(body(frames))}`;
    const written = this.fill(scene, joined);
    const [titleText, bodyText] = written.text.split('\u0000') as [string, string];
    return { title: titleText.trim(), body: { ...written, text: bodyText.trim() } };
  }

  /** A post without a title (praise, an update) whose text is new to the board, when a few drafts find one. */
  freshWrite(scene: Scene, board: Board, pick: (frames: Frames) => string[]): Written {
    let written = this.write(scene, pick);
    for (let attempt = 1; attempt < FRESH_TOPIC_ATTEMPTS && board.bodies.has(written.text); attempt++) {
      written = this.write(scene, pick);
    }
    board.bodies.add(written.text);
    return written;
  }

  /**
   * A title and body new to the board: drafts again until neither the title (as a reader compares them), the body
   * nor its idea or news was shown there before, in the scene's field or else in the next scene's; when the topics run
   * out, a new title will do; when titles run out too, the month and office make it one.
   */
  freshTitled(
    scenes: [Scene, ...Scene[]],
    board: Board,
    title: (f: Frames) => string[],
    body: (f: Frames) => string[],
  ) {
    const isNew = (draft: { title: string }) => !board.titles.has(comparableTitle(draft.title));
    const reads = (draft: { title: string; body: Written }) =>
      isNew(draft) && !board.bodies.has(draft.body.text);
    const hasNewTopics = (draft: { body: Written }) =>
      draft.body.topics.every((topic) => !board.topics.has(topic));
    let chosen: ReturnType<Writer['titled']> | undefined;
    for (const scene of scenes) {
      for (let attempt = 0; attempt < FRESH_TOPIC_ATTEMPTS && !chosen; attempt++) {
        const draft = this.titled(scene, title, body);
        if (reads(draft) && hasNewTopics(draft)) chosen = draft;
      }
    }
    const scene = scenes[0];
    for (let attempt = 0; attempt < FRESH_TITLE_ATTEMPTS && !chosen; attempt++) {
      const draft = this.titled(scene, title, body);
      if (reads(draft) || (isNew(draft) && attempt >= FRESH_TOPIC_ATTEMPTS)) chosen = draft;
    }
    let draft = chosen ?? this.titled(scene, title, body);
    const month = monthNames[scene.language][scene.month]!;
    const qualifiers = [
      `${scene.office}, ${month}`,
      `${month}, ${weekdayNames[scene.language][scene.weekday]}`,
    ];
    const base = draft.title;
    for (let n = 0; !isNew(draft); n++) {
      draft = { ...draft, title: `${base} (${qualifiers[n] ?? `${month} ${n}`})` };
    }
    board.titles.add(comparableTitle(draft.title));
    board.bodies.add(draft.body.text);
    for (const topic of draft.body.topics) board.topics.add(topic);
    return draft;
  }
}

const LEAD_IN =
  /^(idee|voorstel|nieuw|belangrijk|snelle vraag|vraag|even sparren|idea|proposal|new|important|quick one|question|sounding board)\s*:\s*/;

/** A title as a reader compares two: without a lead-in ("Idee:", "New:"), case, punctuation or spacing. */
export function comparableTitle(title: string): string {
  return title
    .toLowerCase()
    .replace(LEAD_IN, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const monthNames = {
  nl: [
    'januari',
    'februari',
    'maart',
    'april',
    'mei',
    'juni',
    'juli',
    'augustus',
    'september',
    'oktober',
    'november',
    'december',
  ],
  en: [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ],
};
