/**
 * The shape we compare other forums on: one community, 1,000 threads of 10 replies each, written by 64 people;
 * plus one long thread of 200 replies for the paged thread page. Same people and texts as the demo generator.
 */
import { DAY, HOUR, MINUTE } from '../../server/demo/calendar.js';
import { buildCommunities, type CommunityPlan } from '../../server/demo/communities.js';
import { type DemoOrganisation, Hashtags } from '../../server/demo/generate.js';
import type { ReplyRecord, ThreadKind, ThreadRecord } from '../../server/demo/history.js';
import { generatePeople } from '../../server/demo/organisation.js';
import { Random } from '../../server/demo/random.js';
import { type Scene, Writer } from '../../server/demo/texts/writer.js';

export const PEER_SLUG = 'peer-forum';
export const PEER_SHAPE = { people: 64, threads: 1000, replies: 10, longThreadReplies: 200 } as const;

const plan: CommunityPlan = {
  slug: PEER_SLUG,
  name: 'Peer forum',
  description: 'One community of 1,000 threads with 10 replies each, by 64 people.',
  visibility: 'open',
  kind: 'specialist',
  field: 'engineering',
  language: 'mixed',
  audience: { everyone: true },
  share: 1,
  activity: 1,
  vitality: 'steady',
  kinds: { discussion: 1 },
  sponsor: 'ceo',
  responseMinutes: 30,
  answerRate: 1,
};

export function peerShape(now: number, seed = 'plein-peer'): DemoOrganisation {
  const random = new Random(seed);
  const people = generatePeople(random.fork('people'), PEER_SHAPE.people);
  const communities = buildCommunities(random.fork('community'), people, [plan]);
  const community = communities[0]!;
  const writer = new Writer(random.fork('texts'));
  const start = now - 180 * DAY;
  const counts = [
    ...Array.from({ length: PEER_SHAPE.threads }, () => PEER_SHAPE.replies),
    PEER_SHAPE.longThreadReplies,
  ];
  let replyId = 1;
  function* threads(): Generator<ThreadRecord> {
    for (const [i, replyCount] of counts.entries()) {
      const author = people[i % people.length]!;
      const createdAt = start + Math.floor((i / counts.length) * 179 * DAY);
      const scene: Scene = {
        language: author.locale,
        field: 'engineering',
        office: author.location.name,
        author: author.firstName,
        weekday: 2,
        month: new Date(createdAt).getUTCMonth(),
        colleague: () => {
          const other = people[(i * 7 + 3) % people.length]!;
          return other === author ? null : { id: other.id, handle: other.handle };
        },
      };
      const kind: ThreadKind = 'discussion';
      const { title, body } = writer.titled(
        scene,
        (f) => f.discussionTitle,
        (f) => f.discussionBody,
      );
      const replies: ReplyRecord[] = [];
      for (let k = 0; k < replyCount; k++) {
        const replier = people[(i + k + 1) % people.length]!;
        const written = writer.write({ ...scene, language: replier.locale }, (f) => f.discussionReply);
        replies.push({
          id: replyId++,
          parentId: null,
          authorId: replier.id,
          body: written.text,
          at: createdAt + (k + 1) * (replyCount > 20 ? 10 * MINUTE : HOUR),
          mentions: written.mentions,
          reactions: [],
        });
      }
      const follows = new Map([[author.id, createdAt]]);
      for (const r of replies) if (!follows.has(r.authorId)) follows.set(r.authorId, r.at);
      yield {
        id: i + 1,
        communityId: community.id,
        authorId: author.id,
        kind,
        title,
        body: body.text,
        origin: author.leader ? 'top_down' : 'bottom_up',
        companyWide: false,
        status: null,
        acceptedReplyId: null,
        firstReplyAt: replies.find((r) => r.authorId !== author.id)?.at ?? null,
        acceptedAt: null,
        lastActivityAt: replies.at(-1)?.at ?? createdAt,
        createdAt,
        mentions: body.mentions,
        tags: body.tags,
        replies,
        reactions: [],
        follows: [...follows].map(([personId, at]) => ({ personId, at })),
        statusChanges: [],
        themeId: null,
        goalId: null,
        votes: [],
        praised: [],
      };
    }
  }
  return {
    people,
    communities,
    personFollows: [],
    hashtagFollows: [],
    hashtags: new Hashtags(),
    themes: [],
    goals: [],
    threads: threads(),
    start,
  };
}
