import { beforeAll, describe, expect, it } from 'vitest';
import type { FileHit, SearchResults } from '../../../contract/search.js';
import { client } from '../../test/client.js';
import { buildCommunity, buildPerson, type TestPerson, tokenFor } from '../../test/factories.js';
import { testApp } from '../../test/harness.js';
import { upload } from '../attachments/testing.js';

let ctx: Awaited<ReturnType<typeof testApp>>;
type Api = ReturnType<typeof client>;
let author: { person: TestPerson; api: Api };
let outsider: Api;
let admin: Api;
const word = `jaarplan${Date.now()}`;
let secretSlug: string;

async function signedIn(role: 'member' | 'admin' = 'member') {
  const person = await buildPerson(ctx.db.pool, { role });
  return { person, api: client(ctx.app, await tokenFor(ctx.db.pool, person)) };
}

async function postWith(api: Api, communitySlug: string, name: string, title: string) {
  const file = (await upload(api, Buffer.from(`the contents of ${name}`), name)).json();
  const thread = await api.post('/api/v1/threads', {
    communitySlug,
    kind: 'discussion',
    title,
    body: `See [the file](${file.url})`,
  });
  expect(thread.statusCode, thread.body).toBe(201);
  return { file, thread: thread.json() };
}

beforeAll(async () => {
  ctx = await testApp();
  author = await signedIn();
  outsider = (await signedIn()).api;
  admin = (await signedIn('admin')).api;
  const open = await buildCommunity(ctx.db.pool, { members: [author.person] });
  const secret = await buildCommunity(ctx.db.pool, { visibility: 'secret', members: [author.person] });
  const closed = await buildCommunity(ctx.db.pool, { visibility: 'closed', members: [author.person] });
  secretSlug = secret.slug;
  await postWith(author.api, open.slug, `${word}-open.pdf.txt`, 'Plans for everyone');
  await postWith(author.api, secret.slug, `${word}-geheim.txt`, 'Reorganisation draft');
  await postWith(author.api, closed.slug, `${word}-closed.txt`, 'Board minutes');
  const removed = await postWith(author.api, open.slug, `${word}-removed.txt`, 'Withdrawn');
  expect((await author.api.delete(`/api/v1/threads/${removed.thread.id}`)).statusCode).toBe(204);
  // A draft nobody posted is its uploader's alone, and not a search hit even for them.
  await upload(author.api, Buffer.from('draft'), `${word}-draft.txt`);
});

const search = async (api: Api, q: string, type = 'files', extra = '') => {
  const response = await api.get(`/api/v1/search?q=${encodeURIComponent(q)}&type=${type}${extra}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as SearchResults;
};
const names = (results: SearchResults) =>
  results.items.flatMap((hit) => (hit.type === 'file' ? [hit.name] : []));

describe('search finds files by name', () => {
  it('gives a member the files of every post they may read, newest first, with their post', async () => {
    const results = await search(author.api, word);
    expect(names(results)).toEqual([`${word}-closed.txt`, `${word}-geheim.txt`, `${word}-open.pdf.txt`]);
    expect(results.counts.files).toEqual({ count: 3, more: false });
    const open = results.items.find(
      (hit) => hit.type === 'file' && hit.name.endsWith('open.pdf.txt'),
    ) as FileHit;
    expect(open).toMatchObject({
      contentType: 'text/plain',
      thread: { title: 'Plans for everyone', kind: 'discussion' },
      author: { id: author.person.id },
      replyId: null,
    });
    expect((await author.api.get(open.url)).statusCode).toBe(200);
  });

  it.each([
    ['an outsider', () => outsider],
    ['an admin', () => admin],
  ])('never shows %s a file in a secret or closed community, nor a trace of it', async (_who, api) => {
    for (const type of ['files', 'all']) {
      const results = await search(api(), word, type);
      expect(names(results)).toEqual([`${word}-open.pdf.txt`]);
      expect(results.counts.files).toEqual({ count: 1, more: false });
      expect(JSON.stringify(results)).not.toMatch(/geheim|Reorganisation|closed\.txt|Board minutes/);
    }
    // Not by the secret community's filter either.
    const filtered = await search(api(), word, 'files', `&community=${secretSlug}`);
    expect(filtered.items).toEqual([]);
    expect(filtered.counts.files.count).toBe(0);
  });

  it('needs every word, leaves out excluded ones, and pages with a cursor without repeats', async () => {
    expect(names(await search(author.api, `${word} geheim`))).toEqual([`${word}-geheim.txt`]);
    expect(names(await search(author.api, `${word} -geheim -closed`))).toEqual([`${word}-open.pdf.txt`]);
    const first = await search(author.api, word, 'files', '&limit=2');
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).toBeTruthy();
    const second = await search(author.api, word, 'files', `&limit=2&cursor=${first.nextCursor}`);
    expect([...names(first), ...names(second)]).toEqual([
      `${word}-closed.txt`,
      `${word}-geheim.txt`,
      `${word}-open.pdf.txt`,
    ]);
    expect(second.nextCursor).toBeNull();
  });

  it('shows a few files above the posts on "all", and refuses a cursor it did not give out', async () => {
    const all = await search(author.api, word, 'all');
    expect(names(all)).toHaveLength(3);
    const bad = await author.api.get(`/api/v1/search?q=${word}&type=files&cursor=nonsense`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().detail ?? JSON.stringify(bad.json())).toMatch(/cursor/);
  });
});
