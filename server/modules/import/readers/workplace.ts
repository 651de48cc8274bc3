import type { z } from 'zod';
import type { ImportRecord } from '../interchange.js';
import { ImportRefused } from '../report.js';
import { type Archive, openArchive } from './archive.js';
import { type ReaderResult, Staging } from './staging.js';
import { instant } from './timestamps.js';
import {
  WORKPLACE_JSON_LIMIT,
  type WpComment,
  type WpFrom,
  WpGroup,
  type WpMember,
  WpPeopleFile,
  type WpPost,
  WpPostsFile,
} from './workplace-shapes.js';

export type WorkplaceOptions = {
  /** The network's name in Plein's records; the same for every download of one network, so they merge. */
  source: string;
};

/** Workplace reactions as Plein's kinds; SAD and ANGRY have none and are skipped with that reason. */
const REACTIONS: Record<string, 'like' | 'love' | 'laugh' | 'celebrate' | 'thanks'> = {
  LIKE: 'like',
  LOVE: 'love',
  HAHA: 'laugh',
  WOW: 'celebrate',
  PRIDE: 'celebrate',
  THANKFUL: 'thanks',
  CARE: 'love',
};

type Found<T> = { value: T; at: string; archive: number };

/**
 * Workplace from Meta admin downloads (ZIPs or folders) into one interchange file. An archive holds `people.json`
 * and, per group, `groups/<folder>/group.json` and `groups/<folder>/posts.json` in the Graph API's shapes
 * (workplace-shapes.ts). Several downloads of one network merge by id: give them oldest first, the latest wins.
 */
export async function readWorkplace(paths: string[], options: WorkplaceOptions): Promise<ReaderResult> {
  const archives: Archive[] = [];
  const staging = new Staging();
  const { source } = options;
  try {
    for (const path of paths) archives.push(await openArchive(path));
    const people = new Map<string, Found<WpMember>>();
    const authors = new Map<string, Found<z.infer<typeof WpFrom>>>();
    const groups = new Map<string, Found<z.infer<typeof WpGroup>>>();
    const posts = new Map<string, Found<WpPost> & { groupId: string }>();
    for (const [index, archive] of archives.entries()) {
      const seen = new Map<string, string>();
      const once = (kind: string, id: string, at: string) => {
        const first = seen.get(`${kind}\u0001${id}`);
        if (first) refuse(at, `duplicate ${kind} id ${id} (first at ${first})`);
        seen.set(`${kind}\u0001${id}`, at);
      };
      const peopleFile = archive.files.find((f) => /(^|\/)people\.json$/.test(f));
      if (peopleFile) {
        const list = await readJson(archive, peopleFile, WpPeopleFile);
        for (const [i, person] of list.entries()) {
          const at = `${archive.name}/${peopleFile}:${i + 1}`;
          once('person', person.id, at);
          people.set(person.id, { value: person, at, archive: index });
        }
      }
      for (const groupFile of archive.files.filter((f) => /(^|\/)group\.json$/.test(f)).sort()) {
        const group = await readJson(archive, groupFile, WpGroup);
        const groupAt = `${archive.name}/${groupFile}:1`;
        once('group', group.id, groupAt);
        groups.set(group.id, { value: group, at: groupAt, archive: index });
        const postsFile = groupFile.replace(/group\.json$/, 'posts.json');
        if (!archive.has(postsFile)) continue;
        for (const [i, post] of (await readJson(archive, postsFile, WpPostsFile)).entries()) {
          const at = `${archive.name}/${postsFile}:${i + 1}`;
          once('post', post.id, at);
          for (const comment of post.comments ?? []) {
            once('comment', comment.id, at);
            for (const sub of comment.comments ?? []) once('comment', sub.id, at);
          }
          posts.set(post.id, { value: post, at, archive: index, groupId: group.id });
          for (const { from } of everyPost(post)) authors.set(from.id, { value: from, at, archive: index });
        }
      }
    }
    if (people.size === 0 && groups.size === 0) {
      refuse(`${archives[0]?.name ?? 'archive'}:0`, 'holds neither people.json nor groups/*/group.json');
    }
    const write = (record: ImportRecord, nested = false) => staging.write(record, nested);

    // People: people.json, then authors it does not list (from the post's `from`).
    let departed = 0;
    for (const [id, { value: p, at }] of people) {
      const email = p.email?.trim().toLowerCase() || null;
      const [file, line] = place(at);
      if (p.active === false || p.account_status?.toLowerCase() === 'deactivated') departed++;
      await write({
        type: 'person',
        source,
        sourceId: id,
        at,
        name:
          p.name?.trim() ||
          [p.first_name, p.last_name].filter(Boolean).join(' ').trim() ||
          email?.split('@')[0] ||
          `Workplace user ${id}`,
        email,
        title: short(p.title),
        department: short(p.department ?? p.division),
        location: short(p.location),
        managerSourceId: typeof p.manager === 'object' && p.manager ? p.manager.id : (p.manager ?? null),
        createdAt: p.account_claim_time
          ? (instant(p.account_claim_time, file, line, 'account_claim_time') ?? undefined)
          : undefined,
      });
    }
    if (departed > 0)
      staging.notes.push(`${departed} people were deactivated in Workplace: they come in deactivated.`);
    for (const [id, { value: from, at }] of authors) {
      if (people.has(id)) continue;
      await write({
        type: 'person',
        source,
        sourceId: id,
        at,
        name: from.name?.trim() || `Workplace user ${id}`,
        email: from.email?.trim().toLowerCase() || null,
      });
    }
    const known = (id: string) => people.has(id) || authors.has(id);

    // Communities with their members: OPEN is open, CLOSED closed, SECRET and anything else secret (never wider).
    for (const [id, { value: g, at }] of groups) {
      const [file, line] = place(at);
      await write({
        type: 'community',
        source,
        sourceId: id,
        at,
        name: g.name.trim().slice(0, 120),
        description: g.description?.slice(0, 2000) ?? '',
        visibility: visibilityOf(g.privacy),
        createdAt: g.created_time
          ? (instant(g.created_time, file, line, 'created_time') ?? undefined)
          : undefined,
      });
      for (const member of g.members ?? []) {
        if (!known(member.id)) {
          staging.skip({
            file,
            line,
            kind: 'membership',
            sourceId: `${id}:${member.id}`,
            reason: 'unknown person',
          });
          continue;
        }
        await write({
          type: 'membership',
          source,
          sourceId: `${id}:${member.id}`,
          at,
          communitySourceId: id,
          personSourceId: member.id,
          role: member.administrator ? 'owner' : 'member',
        });
      }
    }

    // Posts become threads, comments replies, comments on comments replies under them; then their reactions.
    for (const [id, { value: post, at, groupId }] of posts) {
      const [file, line] = place(at);
      await write({
        type: 'thread',
        source,
        sourceId: id,
        at,
        communitySourceId: groupId,
        authorSourceId: post.from.id,
        kind: 'discussion',
        body: bodyOf(post, known, post.formatting),
        createdAt: instant(post.created_time, file, line, 'created_time')!,
        editedAt: edited(post, file, line),
      });
      await reactionsAndFiles(write, staging, source, 'thread', post, at);
      for (const comment of post.comments ?? []) {
        await writeComment(write, staging, source, id, null, comment, at, known);
        for (const sub of comment.comments ?? [])
          await writeComment(write, staging, source, id, comment.id, sub, at, known);
      }
    }
    staging.notes.push(
      'Workplace chats, events, live videos, surveys and knowledge-library pages are not read; attachments are listed, not copied.',
    );
    return await staging.finish();
  } catch (error) {
    staging.cleanUp();
    throw error;
  } finally {
    for (const archive of archives) archive.close();
  }
}

async function writeComment(
  write: (record: ImportRecord, nested?: boolean) => Promise<void>,
  staging: Staging,
  source: string,
  threadId: string,
  parentId: string | null,
  comment: Omit<WpComment, 'comments'>,
  at: string,
  known: (id: string) => boolean,
) {
  const [file, line] = place(at);
  await write(
    {
      type: 'reply',
      source,
      sourceId: comment.id,
      at,
      threadSourceId: threadId,
      parentReplySourceId: parentId,
      authorSourceId: comment.from.id,
      body: bodyOf(comment, known),
      createdAt: instant(comment.created_time, file, line, 'created_time')!,
      editedAt: edited(comment, file, line),
    },
    parentId !== null,
  );
  await reactionsAndFiles(write, staging, source, 'reply', comment, at);
}

async function reactionsAndFiles(
  write: (record: ImportRecord) => Promise<void>,
  staging: Staging,
  source: string,
  target: 'thread' | 'reply',
  post: Omit<WpComment, 'comments'>,
  at: string,
) {
  const [file, line] = place(at);
  const createdAt = instant(post.created_time, file, line, 'created_time')!;
  const seen = new Set<string>();
  for (const reaction of post.reactions ?? []) {
    const sourceId = `${post.id}:${reaction.id}`;
    const kind = REACTIONS[reaction.type.toUpperCase()];
    if (!kind) {
      staging.skip({
        file,
        line,
        kind: 'reaction',
        sourceId,
        reason: `${reaction.type} has no Plein reaction`,
      });
      continue;
    }
    // Plein keeps one reaction per person and post: a person's first one stays.
    if (seen.has(reaction.id)) continue;
    seen.add(reaction.id);
    // The Graph API gives no reaction times: the post's own moment keeps it in its time.
    await write({
      type: 'reaction',
      source,
      sourceId,
      at,
      target,
      targetSourceId: post.id,
      personSourceId: reaction.id,
      kind,
      createdAt,
    });
  }
  for (const [i, attachment] of (post.attachments ?? []).entries()) {
    await write({
      type: 'attachment',
      source,
      sourceId: `${post.id}:${i}`,
      at,
      target,
      targetSourceId: post.id,
      name: (attachment.title || attachment.type || 'attachment').slice(0, 500),
      storage: 'external',
      path: attachment.url,
    });
  }
}

/** The body as Markdown: tagged people become real mentions; plain text has Markdown's own marks escaped. */
function bodyOf(
  post: Omit<WpComment, 'comments'>,
  known: (id: string) => boolean,
  formatting: 'MARKDOWN' | 'PLAINTEXT' = 'PLAINTEXT',
): string {
  const text = post.message ?? '';
  const tags = (post.message_tags ?? [])
    .filter(
      (tag) => (tag.type ?? 'user') === 'user' && known(tag.id) && tag.offset + tag.length <= text.length,
    )
    .sort((a, b) => a.offset - b.offset);
  const parts: string[] = [];
  let cursor = 0;
  const plain = (s: string) => (formatting === 'MARKDOWN' ? s : s.replace(/([\\`*_[\]<>])/g, '\\$1'));
  for (const tag of tags) {
    if (tag.offset < cursor) continue;
    parts.push(plain(text.slice(cursor, tag.offset)), `[[person:${tag.id}]]`);
    cursor = tag.offset + tag.length;
  }
  parts.push(plain(text.slice(cursor)));
  return parts.join('').slice(0, 50_000);
}

function edited(post: { created_time: string; updated_time?: string }, file: string, line: number) {
  if (!post.updated_time || post.updated_time === post.created_time) return null;
  return instant(post.updated_time, file, line, 'updated_time');
}

function* everyPost(post: WpPost) {
  yield post;
  for (const comment of post.comments ?? []) {
    yield comment;
    yield* comment.comments ?? [];
  }
}

function visibilityOf(privacy: string): 'open' | 'closed' | 'secret' {
  const value = privacy.trim().toUpperCase();
  if (value === 'OPEN') return 'open';
  if (value === 'CLOSED') return 'closed';
  return 'secret';
}

const short = (value: string | null | undefined) => value?.trim().slice(0, 120) || undefined;

function place(at: string): [string, number] {
  const m = /^(.*):(\d+)$/.exec(at)!;
  return [m[1]!, Number(m[2])];
}

function refuse(at: string, message: string): never {
  const [file, line] = place(at);
  throw new ImportRefused([{ file, line, message }]);
}

/** One JSON file of the archive, size-limited, parsed and checked against its shape. */
async function readJson<T extends z.ZodType>(archive: Archive, file: string, shape: T): Promise<z.output<T>> {
  const name = `${archive.name}/${file}`;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of await archive.open(file)) {
    size += (chunk as Buffer).length;
    if (size > WORKPLACE_JSON_LIMIT)
      refuse(`${name}:0`, `larger than ${WORKPLACE_JSON_LIMIT / 1024 / 1024} MB (split it per group)`);
    chunks.push(chunk as Buffer);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    refuse(`${name}:0`, 'is not UTF-8 text (wrong encoding)');
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\ufeff/, ''));
  } catch (error) {
    refuse(`${name}:0`, `malformed JSON (${(error as Error).message.slice(0, 120)})`);
  }
  const parsed = shape.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const index = issue.path.find((p) => typeof p === 'number');
    const item = typeof index === 'number' ? index + 1 : 0;
    const field = issue.path.filter((p) => typeof p !== 'number' && p !== 'data').join('.');
    refuse(`${name}:${item}`, `${field || 'file'}: ${issue.message}`);
  }
  return parsed.data;
}
