import type { ImportRecord } from '../interchange.js';
import { ImportRefused } from '../report.js';
import { type Archive, openArchive } from './archive.js';
import { type CsvRow, readCsv } from './csv.js';
import { type ReaderResult, Staging } from './staging.js';
import { instant } from './timestamps.js';
import { YAMMER_FILES, YAMMER_UNREAD } from './yammer-columns.js';

export type YammerOptions = {
  /** The network's name in Plein's records; the same for every export of one network, so they merge. */
  source: string;
  /** Private conversations come along only when asked: each becomes a secret community of its participants. */
  privateMessages?: boolean;
  /** The organisation's own email domain; others are guests. Default: the most common domain in Users.csv. */
  homeDomain?: string;
};

type Spec = (typeof YAMMER_FILES)[keyof typeof YAMMER_FILES];
/** One message as the first pass keeps it: enough to order, nest and merge, not its text. */
type MessageFacts = { exportIndex: number; threadId: string; repliedTo: string };

const truthy = (value: string | undefined) => value?.trim().toLowerCase() === 'true';
const ids = (list: string | undefined, prefix: string) =>
  (list ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.startsWith(`${prefix}:`))
    .map((item) => item.slice(prefix.length + 1));

/**
 * Viva Engage / Yammer network exports (ZIPs or folders of CSVs) into one interchange file. Several exports of
 * one network may overlap (daily exports of "created or modified" messages): give them oldest first; for every
 * id the latest export's row wins.
 */
export async function readYammer(paths: string[], options: YammerOptions): Promise<ReaderResult> {
  const archives: Archive[] = [];
  const staging = new Staging();
  try {
    for (const path of paths) archives.push(await openArchive(path));
    const rows = async function* (archive: Archive, spec: Spec) {
      if (!archive.has(spec.file)) return;
      yield* readCsv(await archive.open(spec.file), `${archive.name}/${spec.file}`, spec);
    };
    const duplicateCheck = () => {
      const seen = new Map<string, number>();
      return (archive: Archive, spec: Spec, id: string, line: number) => {
        const key = `${archives.indexOf(archive)}\u0001${id}`;
        const first = seen.get(key);
        if (first !== undefined) {
          throw new ImportRefused([
            {
              file: `${archive.name}/${spec.file}`,
              line,
              message: `duplicate id ${id} (first on line ${first})`,
            },
          ]);
        }
        seen.set(key, line);
      };
    };

    // First pass: who, which groups, which files, and for every message which export holds its latest row.
    const users = new Map<string, { row: CsvRow; file: string }>();
    const groups = new Map<string, { row: CsvRow; file: string }>();
    const files = new Map<string, CsvRow['values']>();
    const messages = new Map<string, MessageFacts>();
    const senders = new Map<string, { name: string; email: string; file: string; line: number }>();
    const groupsOfMessages = new Map<string, { name: string; secret: boolean }>();
    const checkUser = duplicateCheck();
    const checkGroup = duplicateCheck();
    const checkMessage = duplicateCheck();
    for (const [index, archive] of archives.entries()) {
      for await (const row of rows(archive, YAMMER_FILES.users)) {
        checkUser(archive, YAMMER_FILES.users, row.values.id!, row.line);
        users.set(row.values.id!, { row, file: `${archive.name}/Users.csv` });
      }
      for await (const row of rows(archive, YAMMER_FILES.groups)) {
        checkGroup(archive, YAMMER_FILES.groups, row.values.id!, row.line);
        groups.set(row.values.id!, { row, file: `${archive.name}/Groups.csv` });
      }
      for await (const row of rows(archive, YAMMER_FILES.files)) files.set(row.values.file_id!, row.values);
      for await (const { values: m, line } of rows(archive, YAMMER_FILES.messages)) {
        checkMessage(archive, YAMMER_FILES.messages, m.id!, line);
        messages.set(m.id!, { exportIndex: index, threadId: m.thread_id!, repliedTo: m.replied_to_id ?? '' });
        senders.set(m.sender_id!, {
          name: m.sender_name ?? '',
          email: m.sender_email ?? '',
          file: `${archive.name}/Messages.csv`,
          line,
        });
        if (m.group_id)
          groupsOfMessages.set(m.group_id, {
            name: m.group_name || `Group ${m.group_id}`,
            secret: truthy(m.in_private_group),
          });
      }
      for (const [file, note] of Object.entries(YAMMER_UNREAD)) {
        if (archive.has(file) && !staging.notes.includes(note)) staging.notes.push(note);
      }
    }
    const homeDomain =
      options.homeDomain?.toLowerCase() ??
      commonestDomain([...users.values()].map((u) => u.row.values.email ?? ''));
    const source = options.source;
    const write = (record: ImportRecord, nested = false) => staging.write(record, nested);

    // People: Users.csv, then senders it does not list.
    for (const [id, { row, file }] of users) {
      const u = row.values;
      const email = u.email?.trim().toLowerCase() || null;
      await write({
        type: 'person',
        source,
        sourceId: id,
        at: `${file}:${row.line}`,
        name: u.name?.trim() || email?.split('@')[0] || `Yammer user ${id}`,
        email,
        title: u.job_title?.trim().slice(0, 120) || undefined,
        department: u.department?.trim().slice(0, 120) || undefined,
        location: u.location?.trim().slice(0, 120) || undefined,
        guest: email !== null && homeDomain !== null && !email.endsWith(`@${homeDomain}`),
        createdAt: instant(u.joined_at ?? '', file, row.line, 'joined_at') ?? undefined,
      });
    }
    let guests = 0;
    for (const { row } of users.values()) {
      const email = row.values.email?.toLowerCase() ?? '';
      if (email && homeDomain && !email.endsWith(`@${homeDomain}`)) guests++;
    }
    if (guests > 0)
      staging.notes.push(`${guests} guests (addresses outside ${homeDomain}) come in deactivated.`);
    for (const [id, sender] of senders) {
      if (users.has(id)) continue;
      await write({
        type: 'person',
        source,
        sourceId: id,
        at: `${sender.file}:${sender.line}`,
        name: sender.name.trim() || `Yammer user ${id}`,
        email: sender.email.trim().toLowerCase() || null,
      });
    }

    // Communities: Groups.csv, then groups only messages name (their privacy from the message: never wider).
    for (const [id, { row, file }] of groups) {
      const g = row.values;
      await write({
        type: 'community',
        source,
        sourceId: id,
        at: `${file}:${row.line}`,
        name: g.name!.trim().slice(0, 120) || `Group ${id}`,
        description: g.description?.slice(0, 2000) ?? '',
        visibility: visibilityOf(g.privacy ?? ''),
        createdAt: instant(g.created_at ?? '', file, row.line, 'created_at') ?? undefined,
      });
    }
    for (const [id, group] of groupsOfMessages) {
      if (groups.has(id)) continue;
      await write({
        type: 'community',
        source,
        sourceId: id,
        name: group.name.slice(0, 120),
        visibility: group.secret ? 'secret' : 'open',
      });
    }
    staging.notes.push(
      'Group memberships, follows, likes and best answers are not in a network export: members come from who posted in a private group.',
    );

    // Messages: each from the export holding its latest row; threads, then replies, then replies to replies.
    const conversations = new Set<string>();
    for (const [index, archive] of archives.entries()) {
      const file = `${archive.name}/Messages.csv`;
      for await (const { values: m, line } of rows(archive, YAMMER_FILES.messages)) {
        if (messages.get(m.id!)!.exportIndex !== index) continue;
        const at = `${file}:${line}`;
        const createdAt = instant(m.created_at!, file, line, 'created_at')!;
        const deletedAt =
          instant(m.deleted_at ?? '', file, line, 'deleted_at') ?? (m.deleted_by_id ? createdAt : null);
        const body = (m.body ?? '').replace(/\[\[user:(\d+)\]\]/g, '[[person:$1]]').slice(0, 50_000);
        const isStarter = m.id === m.thread_id;
        let communitySourceId: string | null = m.group_id || null;
        if (truthy(m.in_private_conversation)) {
          if (!options.privateMessages) {
            staging.skip({
              file,
              line,
              kind: isStarter ? 'thread' : 'reply',
              sourceId: m.id!,
              reason: 'private message (import them with --private-messages)',
            });
            continue;
          }
          communitySourceId = `conversation:${m.thread_id}`;
          if (!conversations.has(m.thread_id!)) {
            conversations.add(m.thread_id!);
            const known = ids(m.participants, 'user').filter((id) => users.has(id) || senders.has(id));
            await writeConversation(write, source, m.thread_id!, known, at, createdAt);
          }
        }
        if (isStarter) {
          await write({
            type: 'thread',
            source,
            sourceId: m.id!,
            at,
            communitySourceId,
            authorSourceId: m.sender_id!,
            kind: kindOf(m.message_type ?? ''),
            title: m.title?.trim().slice(0, 200) || undefined,
            body,
            createdAt,
            deletedAt,
          });
        } else {
          const top = topReplyOf(m.id!, messages);
          await write(
            {
              type: 'reply',
              source,
              sourceId: m.id!,
              at,
              threadSourceId: m.thread_id!,
              parentReplySourceId: top === m.id ? null : top,
              authorSourceId: m.sender_id!,
              body,
              createdAt,
              deletedAt,
            },
            top !== m.id,
          );
        }
        if (deletedAt) continue;
        for (const fileId of ids(m.attachments, 'uploadedfile')) {
          const f = files.get(fileId);
          const stored = f?.storage_path && archive.has(f.storage_path) ? f.storage_path : null;
          await write({
            type: 'attachment',
            source,
            sourceId: `${m.id}:${fileId}`,
            at,
            target: isStarter ? 'thread' : 'reply',
            targetSourceId: m.id!,
            name: f?.name ?? `file ${fileId}`,
            storage: stored ? 'archive' : 'external',
            path: stored ?? f?.path ?? undefined,
          });
        }
      }
    }
    return await staging.finish();
  } catch (error) {
    staging.cleanUp();
    throw error;
  } finally {
    for (const archive of archives) archive.close();
  }
}

/** A private conversation as a secret community of its participants. */
async function writeConversation(
  write: (record: ImportRecord) => Promise<void>,
  source: string,
  threadId: string,
  participants: string[],
  at: string,
  createdAt: string,
) {
  const sourceId = `conversation:${threadId}`;
  await write({
    type: 'community',
    source,
    sourceId,
    at,
    name: `Private conversation ${threadId}`,
    visibility: 'secret',
    createdAt,
  });
  for (const person of participants) {
    await write({
      type: 'membership',
      source,
      sourceId: `${sourceId}:${person}`,
      at,
      communitySourceId: sourceId,
      personSourceId: person,
      joinedAt: createdAt,
    });
  }
}

/** Yammer's privacy: public is open, private is closed; anything else (unlisted, secret, unknown) is secret. */
function visibilityOf(privacy: string): 'open' | 'closed' | 'secret' {
  const value = privacy.trim().toLowerCase();
  if (value === 'public') return 'open';
  if (value === 'private') return 'closed';
  return 'secret';
}

function kindOf(messageType: string) {
  const type = messageType.trim().toLowerCase();
  if (type === 'question' || type === 'announcement' || type === 'praise') return type;
  return 'discussion';
}

/** The reply a reply hangs under in Plein: the one of its chain that answers the thread itself. */
function topReplyOf(id: string, messages: Map<string, MessageFacts>): string {
  let current = id;
  for (let depth = 0; depth < 1000; depth++) {
    const facts = messages.get(current);
    if (!facts?.repliedTo || facts.repliedTo === facts.threadId) return current;
    if (!messages.has(facts.repliedTo)) return facts.repliedTo;
    current = facts.repliedTo;
  }
  return current;
}

function commonestDomain(emails: string[]): string | null {
  const counts = new Map<string, number>();
  for (const email of emails) {
    const domain = email.split('@')[1]?.toLowerCase();
    if (domain) counts.set(domain, (counts.get(domain) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
}
