/** Fills sentence frames with a field's vocabulary, and remembers whom a text mentions and which tags it uses. */
import { weekdayNames } from '../calendar.js';
import type { Random } from '../random.js';
import type { Field, FieldKey } from './fields.js';
import { enFields } from './fields-en.js';
import { nlFields } from './fields-nl.js';
import { enFrames, type Frames, nlFrames } from './frames.js';

export type Language = 'nl' | 'en';

export type Written = { text: string; mentions: number[]; tags: string[] };

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
};

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
    // One value per slot and text, so a title and its body talk about the same thing.
    const chosen = new Map<string, string>();
    const once = (slot: string, options: string[]) => {
      let value = chosen.get(slot);
      if (value === undefined) {
        value = this.random.pick(options);
        chosen.set(slot, value);
      }
      return value;
    };
    const text = frame.replace(SLOT, (_, slot: string) => {
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
        default:
          throw new Error(`Unknown slot {${slot}} in a demo text frame`);
      }
      return capital ? value.charAt(0).toUpperCase() + value.slice(1) : value;
    });
    return { text: text.replace(/ +$/gm, '').trim(), mentions, tags };
  }

  /** A title and a body about the same subject. */
  titled(scene: Scene, title: (f: Frames) => string[], body: (f: Frames) => string[]) {
    const frames = this.frames(scene.language);
    const joined = `${this.random.pick(title(frames))}\u0000${this.random.pick(body(frames))}`;
    const written = this.fill(scene, joined);
    const [titleText, bodyText] = written.text.split('\u0000') as [string, string];
    return { title: titleText.trim(), body: { ...written, text: bodyText.trim() } };
  }
}
