/**
 * The adoption funnel and profile completeness (condition 6): some provisioned people never signed in, the rest
 * did within days of joining; profiles range from complete (bio, skills, photo) to bare. Runs before the history,
 * so people who never signed in neither write nor react (their voice is zero).
 */
import { ANCHOR_HANDLES, type DemoPerson } from './organisation.js';
import type { Random } from './random.js';

const NEVER_SIGNED_IN = 0.06;
/** People who joined lately have more often not signed in yet. */
const NEVER_SIGNED_IN_NEWCOMER = 0.3;

export function applyFunnel(random: Random, people: DemoPerson[]): void {
  const anchors = new Set(ANCHOR_HANDLES);
  for (const person of people) {
    // Leaders, managers and team leads run communities and goals: they all signed in.
    const mayLag =
      person.level >= 5 && person.role === 'member' && !person.leader && !anchors.has(person.handle);
    const chance = person.joinedDaysAgo < 45 ? NEVER_SIGNED_IN_NEWCOMER : NEVER_SIGNED_IN;
    if (mayLag && random.chance(chance)) {
      person.activatedAfterHours = null;
      person.voice = 0;
      // Provisioned from HR: name, title and department, nothing of their own.
      person.bio = '';
      person.skills = [];
      continue;
    }
    // Most sign in on their first days; some only after a reminder weeks later.
    person.activatedAfterHours = Math.round(
      random.chance(0.85) ? random.exponential(30) : random.int(200, 900),
    );
    if (anchors.has(person.handle)) {
      person.avatarUrl = avatarOf(random);
      continue;
    }
    if (random.chance(0.2)) person.bio = '';
    if (random.chance(0.12)) person.skills = [];
    if (random.chance(0.55)) person.avatarUrl = avatarOf(random);
  }
}

const SKIN = ['#f1c27d', '#e0ac69', '#c68642', '#8d5524', '#ffdbac', '#d9a066'];
const HAIR = ['#2c1b10', '#4a2f1b', '#a86b32', '#e3c16f', '#1c1c1c', '#8c8c8c', '#b5523b'];

/** A small drawn portrait (head and shoulders on a coloured ground) as a data: URL, so the demo needs no network. */
function avatarOf(random: Random): string {
  const ground = `hsl(${random.int(0, 359)},45%,72%)`;
  const shirt = `hsl(${random.int(0, 359)},35%,38%)`;
  const skin = random.pick(SKIN);
  const hair = random.pick(HAIR);
  const long = random.chance(0.45);
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" fill="${ground}"/>` +
    (long ? `<rect x="17" y="18" width="30" height="30" rx="12" fill="${hair}"/>` : '') +
    `<path d="M10 64c2-14 12-20 22-20s20 6 22 20z" fill="${shirt}"/>` +
    `<circle cx="32" cy="28" r="12" fill="${skin}"/>` +
    `<path d="M20 27c0-9 6-14 12-14s12 5 12 14c-3-5-8-7-12-7s-9 2-12 7z" fill="${hair}"/></svg>`;
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}
