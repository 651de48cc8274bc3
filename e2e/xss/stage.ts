import { randomBytes } from 'node:crypto';
import { type ApiSession, signInAsAdmin, signInWithPassword } from '../api.js';
import { isSingleLine, pack, type Vector, xssVectors } from './vectors.js';

/** How many distinct vectors went into each sink. */
const count = (stored: Record<string, number>, sink: Sink, ids: { ids: number[] }[]) => {
  stored[sink] = (stored[sink] ?? 0) + ids.reduce((sum, item) => sum + item.ids.length, 0);
};

/** Every sink the corpus goes through; a trap code's sink is its index here plus one. */
export const SINKS = [
  'thread body',
  'thread title',
  'reply',
  'profile name, title, department, location',
  'profile skills',
  'profile bio',
  'community name',
  'community description',
  'theme title',
  'theme question and why',
  'theme outcome',
  'goal name',
  'goal description',
  'idea status note',
  'praise',
  'search query (reflected)',
  'hashtag in the address (reflected)',
] as const;
export type Sink = (typeof SINKS)[number];

const sinkNumber = (sink: Sink) => SINKS.indexOf(sink) + 1;
const vectorsFor = (sink: Sink) => xssVectors(sinkNumber(sink));
const oneLine = (sink: Sink) => vectorsFor(sink).filter((v) => isSingleLine(v.source));

/** A word that says a page has rendered the stored text it ends. */
const marker = (sink: Sink, index: number) => `xssmark${sinkNumber(sink)}n${index}`;

/** Every nth vector of every family, so a small sample still holds each kind of attack. */
export function acrossFamilies(vectors: Vector[], count: number): Vector[] {
  const families = new Map<string, Vector[]>();
  for (const vector of vectors) families.set(vector.family, [...(families.get(vector.family) ?? []), vector]);
  const picked: Vector[] = [];
  for (let round = 0; picked.length < count && round < vectors.length; round++) {
    for (const members of families.values()) {
      const vector = members[Math.floor((round * 7919) % members.length)];
      if (vector && !picked.includes(vector) && picked.length < count) picked.push(vector);
    }
  }
  return picked;
}

/** Packs that each end in their marker, `max` characters at most. */
function marked(sink: Sink, vectors: Vector[], max: number, separator: string) {
  return pack(vectors, max - 20, separator).map(({ text, ids }, index) => ({
    text: `${text}${separator}${marker(sink, index)}`,
    marker: marker(sink, index),
    ids,
  }));
}

export type Visit = { path: string; marker: string | null; what: string };
export type XssStage = { viewer: ApiSession; visits: Record<string, Visit[]>; stored: Record<Sink, number> };

const KINDS = ['discussion', 'question', 'announcement', 'idea', 'update', 'article', 'praise'] as const;

/**
 * Stores the corpus through every sink, through the API as people would, and says which pages show it. The
 * viewer is in every community, is mentioned in every post, praised, and is the author of the idea whose status
 * notes come back to them as notifications.
 */
export async function storeCorpus(baseUrl: string): Promise<XssStage> {
  const admin = await signInAsAdmin(baseUrl);
  const suffix = randomBytes(3).toString('hex');
  const stored = Object.fromEntries(SINKS.map((sink) => [sink, 0])) as Record<Sink, number>;
  const visits: Record<string, Visit[]> = {};
  const visit = (group: string, path: string, marker: string | null, what: string) => {
    visits[group] = [...(visits[group] ?? []), { path, marker, what }];
  };

  // People: the viewer and authors, each profile a pack of one-line vectors; skills and bio hold more.
  const people: { handle: string; session: ApiSession }[] = [];
  const nameVectors = oneLine('profile name, title, department, location').filter(
    (v) => v.source.length <= 55,
  );
  const skillVectors = oneLine('profile skills').filter((v) => v.source.length <= 60);
  const bios = marked('profile bio', vectorsFor('profile bio'), 2000, '\n');
  const PEOPLE = 7;
  for (let i = 0; i < PEOPLE; i++) {
    const handle = `xss-${suffix}-${i}`;
    const password = `xss-${suffix}-password`;
    const email = `${handle}@e2e.example`;
    await admin.send('POST', '/api/v1/people', { email, name: `Person ${i}`, handle, password });
    const names = nameVectors.slice(i * 8, i * 8 + 8).map((v) => v.source);
    const skills = skillVectors.slice(i * 50, i * 50 + 50).map((v) => v.source);
    const bio = bios[i];
    await admin.send('PATCH', `/api/v1/people/${handle}`, {
      name: `${names[0]} ${names[1]}`,
      title: `${names[2]} ${names[3]}`,
      department: `${names[4]} ${names[5]}`,
      location: `${names[6]} ${names[7]}`,
      skills,
      ...(bio ? { bio: bio.text } : {}),
    });
    stored['profile name, title, department, location'] += names.length;
    stored['profile skills'] += new Set(skills.map((s) => s.trim().toLowerCase())).size;
    if (bio) count(stored, 'profile bio', [bio]);
    people.push({
      handle,
      session: await signInWithPassword(baseUrl, { email, password, handle, name: '' }),
    });
    visit('people', `/u/${handle}`, bio?.marker ?? null, `profile ${i}`);
  }
  const [viewer, ...authors] = people as [(typeof people)[0], ...(typeof people)[0][]];
  visit('people', '/people', null, 'the people directory');
  const mention = `@${viewer.handle}`;

  // Communities: names and descriptions packed; the viewer and authors join each.
  const communityNames = oneLine('community name').filter((v) => v.source.length <= 55);
  const descriptions = marked('community description', vectorsFor('community description'), 5000, ' ');
  const slugs: string[] = [];
  for (const [i, description] of descriptions.entries()) {
    const slug = `xss-${suffix}-${i}`;
    const name = communityNames
      .slice(i * 2, i * 2 + 2)
      .map((v) => v.source)
      .join(' ');
    await admin.send('POST', '/api/v1/groups', {
      name,
      slug,
      description: description.text,
      visibility: 'open',
    });
    for (const person of people) await admin.send('PUT', `/api/v1/groups/${slug}/members/${person.handle}`);
    stored['community name'] += Math.min(2, communityNames.length - i * 2);
    count(stored, 'community description', [description]);
    slugs.push(slug);
  }
  visit('communities', '/groups', descriptions.at(-1)!.marker, 'the community directory');
  const home = slugs[0]!;
  visit('communities', `/g/${home}`, null, 'a community page with its threads');

  // Threads: each body pack in the next kind, titled with a pack of title vectors, mentioning the viewer.
  const titles = pack(oneLine('thread title'), 190, ' ');
  const bodies = marked('thread body', vectorsFor('thread body'), 7000, '\n\n');
  const threadIds: string[] = [];
  for (const [i, body] of bodies.entries()) {
    const kind = KINDS[i % KINDS.length]!;
    const author = kind === 'announcement' ? admin : authors[i % authors.length]!.session;
    const thread = await author.send<{ id: string }>('POST', '/api/v1/threads', {
      communitySlug: slugs[i % slugs.length],
      kind,
      title: kind === 'update' ? '' : (titles[i]?.text ?? `Title ${i}`),
      body: `${mention}\n\n${body.text}`,
      ...(kind === 'praise' ? { praised: [viewer.handle] } : {}),
    });
    count(stored, 'thread body', [body]);
    if (kind !== 'update' && titles[i]) count(stored, 'thread title', [titles[i]]);
    threadIds.push(thread.id);
    visit('threads', `/t/${thread.id}`, body.marker, `a ${kind} with body pack ${i}`);
  }
  // More titles, in the community whose page lists them.
  for (const title of titles.slice(bodies.length, bodies.length + 25)) {
    await authors[0]!.session.send('POST', '/api/v1/threads', {
      communitySlug: home,
      kind: 'discussion',
      title: title.text,
      body: 'Short body.',
    });
    count(stored, 'thread title', [title]);
  }

  // Praise of the viewer, its text the corpus again.
  const praises = marked('praise', vectorsFor('praise'), 7000, '\n\n');
  for (const [i, praise] of praises.slice(0, 3).entries()) {
    const thread = await authors[i]!.session.send<{ id: string }>('POST', '/api/v1/threads', {
      communitySlug: home,
      kind: 'praise',
      body: praise.text,
      praised: [viewer.handle],
    });
    count(stored, 'praise', [praise]);
    visit('threads', `/t/${thread.id}`, praise.marker, `praise ${i}`);
  }
  visit('people', `/u/${viewer.handle}?tab=praise`, null, "the viewer's praise");

  // Replies: the whole corpus, a pack per reply, on one thread.
  const replyThread = threadIds[0]!;
  const replies = marked('reply', vectorsFor('reply'), 2500, '\n\n');
  for (const [i, reply] of replies.entries()) {
    await authors[i % authors.length]!.session.send('POST', `/api/v1/threads/${replyThread}/replies`, {
      body: reply.text,
    });
    count(stored, 'reply', [reply]);
  }
  visit('threads', `/t/${replyThread}`, replies.at(-1)!.marker, 'the thread with every reply');

  // An idea by the viewer, moved back and forth with a note each time: the notes come back as notifications.
  const idea = await viewer.session.send<{ id: string }>('POST', '/api/v1/threads', {
    communitySlug: home,
    kind: 'idea',
    title: 'An idea whose notes are the corpus',
    body: 'See the history.',
  });
  const notes = marked('idea status note', vectorsFor('idea status note'), 2000, '\n');
  for (const [i, note] of notes.entries()) {
    await admin.send('POST', `/api/v1/threads/${idea.id}/status`, {
      status: i % 2 === 0 ? 'under_review' : 'declined',
      note: note.text,
    });
    count(stored, 'idea status note', [note]);
  }
  visit('threads', `/t/${idea.id}`, notes.at(-1)!.marker, 'the idea with its status history');
  visit('notifications', '/notifications', notes.at(-1)!.marker, 'mentions, praise and idea notes');
  visit('notifications', '/', 'An idea whose notes are the corpus', 'the home feed');

  // Themes: title, question and why packed; one theme holds the corpus as outcome updates.
  const themeTitles = pack(oneLine('theme title'), 200, ' ');
  const questions = marked('theme question and why', vectorsFor('theme question and why'), 6900, '\n');
  const themeIds: string[] = [];
  for (const [i, text] of questions.entries()) {
    const question = text.text.slice(0, 2000);
    const why = text.text.slice(2000);
    const theme = await admin.send<{ id: string }>('POST', '/api/v1/themes', {
      title: themeTitles[i]?.text ?? `Theme ${i}`,
      question: question.trim() || 'Why?',
      why: `${why} ${text.marker}`,
    });
    if (themeTitles[i]) count(stored, 'theme title', [themeTitles[i]]);
    count(stored, 'theme question and why', [text]);
    themeIds.push(theme.id);
    visit('themes', `/themes/${theme.id}`, text.marker, `theme ${i}`);
  }
  const outcomes = marked('theme outcome', vectorsFor('theme outcome'), 20_000, '\n\n');
  for (const outcome of outcomes) {
    await admin.send('POST', `/api/v1/themes/${themeIds[0]}/outcomes`, { body: outcome.text });
    count(stored, 'theme outcome', [outcome]);
  }
  visit('themes', `/themes/${themeIds[0]}`, outcomes.at(-1)!.marker, 'the theme with outcome updates');
  visit('themes', '/themes', null, 'the theme list');

  // Goals: names and descriptions packed.
  const goalNames = pack(oneLine('goal name'), 200, ' ');
  const goalTexts = marked('goal description', vectorsFor('goal description'), 5000, ' ');
  for (const [i, description] of goalTexts.entries()) {
    const goal = await admin.send<{ id: string }>('POST', '/api/v1/goals', {
      name: goalNames[i]?.text ?? `Goal ${i}`,
      description: description.text,
      kpi: 'answer_rate',
      target: 90,
      communities: [home],
    });
    if (goalNames[i]) count(stored, 'goal name', [goalNames[i]]);
    count(stored, 'goal description', [description]);
    visit('goals', `/goals/${goal.id}`, description.marker, `goal ${i}`);
  }
  visit('goals', '/goals', null, 'the goal list');

  // Reflected: search queries and hashtags in the address, a sample across every family.
  for (const vector of acrossFamilies(oneLine('search query (reflected)'), 12)) {
    visit(
      'reflected',
      `/search?q=${encodeURIComponent(vector.source.slice(0, 200))}`,
      null,
      `search #${vector.id}`,
    );
    stored['search query (reflected)'] += 1;
  }
  visit('reflected', '/search?q=script', null, 'search results full of stored vectors');
  for (const vector of acrossFamilies(vectorsFor('hashtag in the address (reflected)'), 10)) {
    visit('reflected', `/tags/${encodeURIComponent(vector.source)}`, null, `hashtag #${vector.id}`);
    stored['hashtag in the address (reflected)'] += 1;
  }
  visit('reflected', `/tags/${encodeURIComponent('c++')}`, null, 'a tag that vectors created');
  return { viewer: viewer.session, visits, stored };
}
