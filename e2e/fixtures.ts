import { randomBytes } from 'node:crypto';
import { type ApiSession, signInAsAdmin } from './api.js';

export type Stage = {
  admin: ApiSession;
  /** An open community the journeys find and join; the demo's Pieter Jansen is a member. */
  open: { slug: string; name: string; threadPath: string };
  /** A secret community with one thread, known only to the admin who made it. */
  secret: { slug: string; name: string; threadId: string; threadTitle: string };
};

/** A helper from the demo company who is in the test's communities; the demo features him by name. */
export const HELPER = { handle: 'pieter.jansen', name: 'Pieter Jansen', firstName: 'Pieter' };

/**
 * Each test file sets its own stage through the API, so the journeys depend on the demo organisation only for
 * the people it features, not on its communities or conversations.
 */
export async function setStage(baseUrl: string): Promise<Stage> {
  const admin = await signInAsAdmin(baseUrl);
  const suffix = randomBytes(2).toString('hex');
  const open = await admin.send<{ slug: string; name: string }>('POST', '/api/v1/groups', {
    name: `Cloud Platform ${suffix}`,
    description: 'Clusters, deployments and the tools around them. Ask anything.',
    visibility: 'open',
    kind: 'specialist',
  });
  await admin.send('PUT', `/api/v1/groups/${open.slug}/members/${HELPER.handle}`);
  const welcome = await admin.send<{ id: string }>('POST', '/api/v1/threads', {
    communitySlug: open.slug,
    kind: 'question',
    title: 'Which dashboards do you use every day?',
    body: `Share your favourites, @${HELPER.handle}. #e2e-platform`,
  });
  await admin.send('PUT', `/api/v1/threads/${welcome.id}/reactions/like`);
  await admin.send('POST', `/api/v1/threads/${welcome.id}/replies`, {
    body: 'The cluster overview, mostly.',
  });

  const secret = await admin.send<{ slug: string; name: string }>('POST', '/api/v1/groups', {
    name: `Board Room ${suffix}`,
    description: 'Only for the board.',
    visibility: 'secret',
    kind: 'specialist',
  });
  const threadTitle = `Reorganisation plans ${suffix}`;
  const thread = await admin.send<{ id: string }>('POST', '/api/v1/threads', {
    communitySlug: secret.slug,
    kind: 'discussion',
    title: threadTitle,
    body: 'Confidential until Friday.',
  });
  return {
    admin,
    open: { ...open, threadPath: `/t/${welcome.id}` },
    secret: { ...secret, threadId: thread.id, threadTitle },
  };
}
