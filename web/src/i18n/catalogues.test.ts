import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CommunityKind, Visibility } from '../../../contract/communities.js';
import { Channel, DigestFrequency, MAIL_NOTICE_KINDS, OUTBOUND_STATUSES } from '../../../contract/mail.js';
import { NOTIFICATION_KINDS } from '../../../contract/notifications.js';
import { Role } from '../../../contract/people.js';
import { SSO_REFUSALS } from '../../../contract/sso.js';
import { ReactionKind, THREAD_KINDS, ThreadStatus } from '../../../contract/threads.js';
import { parts, type Tree, catalogues as trees } from './catalogues.js';

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

const catalogues = { en: flatten(trees.en), nl: flatten(trees.nl) };
const PLURALS = ['_zero', '_one', '_other'];
const has = (catalogue: Map<string, string>, key: string) =>
  catalogue.has(key) || PLURALS.some((suffix) => catalogue.has(`${key}${suffix}`));
const variables = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

/** Keys the code builds from the contract's enumerations, e.g. t(`kinds.${kind}`). */
const builtKeys = [
  ...THREAD_KINDS.flatMap((k) => [
    `kinds.${k}`,
    `kindsPlural.${k}`,
    `kindHints.${k}`,
    `titlePlaceholders.${k}`,
    `composer.post.${k}`,
  ]),
  ...ReactionKind.options.map((k) => `reactions.${k}`),
  ...ThreadStatus.options.map((k) => `status.${k}`),
  ...Visibility.options.flatMap((k) => [`visibility.${k}`, `visibilityHints.${k}`]),
  ...CommunityKind.options.flatMap((k) => [`communityKinds.${k}`, `communityKindHints.${k}`]),
  ...Role.options.map((k) => `roles.${k}`),
  'roles.leader',
  ...[...NOTIFICATION_KINDS, 'membership_approved', 'other'].map((k) => `notifications.kind.${k}`),
  ...['owner', 'member'].map((k) => `community.role.${k}`),
  ...['system', 'light', 'dark'].map((k) => `settings.themes.${k}`),
  ...['q', 'skill', 'department', 'location'].flatMap((k) => [
    `people.filter.${k}`,
    `people.placeholder.${k}`,
  ]),
  ...['home', 'community', 'hashtag'].map((k) => `feed.${k}`),
  ...SSO_REFUSALS.map((k) => `login.ssoError.${k}`),
  ...MAIL_NOTICE_KINDS.map((k) => `mail.kinds.${k}`),
  ...Channel.options.map((k) => `mail.channels.${k}`),
  ...DigestFrequency.options.map((k) => `mail.digest.${k}`),
  ...OUTBOUND_STATUSES.map((k) => `mail.outbox.status.${k}`),
];

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** Every t('literal.key') in the web's source. */
function usedKeys(): string[] {
  const root = join(import.meta.dirname, '..');
  const found = new Set<string>();
  for (const file of sourceFiles(root)) {
    for (const match of readFileSync(file, 'utf8').matchAll(/\bt\(\s*['"]([\w.]+)['"]/g))
      found.add(match[1]!);
  }
  return [...found];
}

describe('the Dutch and English catalogues', () => {
  it('give each top-level key to one file only, so no feature hides another', () => {
    for (const files of Object.values(parts)) {
      const keys = files.flatMap((file) => Object.keys(file));
      expect(keys.filter((key, index) => keys.indexOf(key) !== index)).toEqual([]);
    }
  });

  it('have exactly the same keys', () => {
    const onlyIn = (a: Map<string, string>, b: Map<string, string>) =>
      [...a.keys()].filter((key) => !b.has(key));
    expect(onlyIn(catalogues.en, catalogues.nl), 'missing from nl.json').toEqual([]);
    expect(onlyIn(catalogues.nl, catalogues.en), 'missing from en.json').toEqual([]);
  });

  it('use the same {{variables}} in both languages, and leave nothing empty in one but not the other', () => {
    for (const [key, english] of catalogues.en) {
      const dutch = catalogues.nl.get(key) ?? '';
      expect(variables(dutch), key).toEqual(variables(english));
      expect(dutch === '', key).toBe(english === '');
    }
  });

  it('hold every key the code asks for, in both languages', () => {
    const keys = [...usedKeys(), ...builtKeys];
    expect(keys.length).toBeGreaterThan(100);
    for (const [language, catalogue] of Object.entries(catalogues)) {
      expect(
        keys.filter((key) => !has(catalogue, key)),
        `missing from ${language}.json`,
      ).toEqual([]);
    }
  });
});
