import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../platform/markdown/render.js';
import { DEMO_DEFAULTS, generateOrganisation } from './generate.js';

const now = Date.parse('2026-03-16T10:00:00Z');
const small = { ...DEMO_DEFAULTS, people: 300, threads: 600, now };

/** A fingerprint of everything generated, threads included. */
function fingerprint(seed: string) {
  const org = generateOrganisation({ ...small, seed });
  const threads = [...org.threads];
  return JSON.stringify({
    people: org.people.map((p) => [p.handle, p.title, p.manager?.id ?? null, p.leader]),
    communities: org.communities.map((c) => [c.slug, c.members.map((m) => m.id)]),
    threads: threads.map((t) => [
      t.id,
      t.authorId,
      t.createdAt,
      t.body,
      t.replies.map((r) => [r.id, r.body, r.at]),
      t.themeId,
      t.goalId,
      t.votes,
      t.praised,
    ]),
    themes: org.themes.map((t) => [t.title, t.owner.id, t.openedAt, t.outcomes]),
    goals: org.goals.map((g) => [g.name, g.owner.id, g.createdAt]),
  });
}

describe('the demo generator', () => {
  it('gives the same organisation for the same seed and another for another seed', () => {
    expect(fingerprint('a')).toBe(fingerprint('a'));
    expect(fingerprint('a')).not.toBe(fingerprint('b'));
  });

  it('fills every slot of every text: no braces left, no lorem ipsum, Dutch and English both', () => {
    const org = generateOrganisation(small);
    const texts = [...org.threads].flatMap((t) => [t.title, t.body, ...t.replies.map((r) => r.body)]);
    expect(texts.length).toBeGreaterThan(1000);
    for (const text of texts) {
      expect(text).not.toMatch(/[{}]|lorem|ipsum|undefined/i);
    }
    expect(texts.some((text) => /\b(het|een|iemand)\b/.test(text))).toBe(true);
    expect(texts.some((text) => /\b(the|anyone|thanks)\b/i.test(text))).toBe(true);
  });

  it('knows whom each text mentions and which tags it carries, as the renderer finds them', () => {
    const org = generateOrganisation(small);
    const handleOf = new Map(org.people.map((p) => [p.id, p.handle]));
    for (const thread of org.threads) {
      const rendered = renderMarkdown(thread.body);
      expect(rendered.mentions.sort()).toEqual(thread.mentions.map((id) => handleOf.get(id)!).sort());
      expect(rendered.hashtags.sort()).toEqual([...thread.tags].sort());
    }
  });
});
