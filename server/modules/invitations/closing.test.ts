import { beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../platform/clock.js';
import { client } from '../../test/client.js';
import { buildPerson, sessionFor, unique } from '../../test/factories.js';
import { testApp } from '../../test/harness.js';
import { linkSweepJob } from './jobs.js';

const clock = manualClock(new Date('2026-12-01T09:00:00.000Z'));
let ctx: Awaited<ReturnType<typeof testApp>>;
let asAdmin: ReturnType<typeof client>;
let anonymous: ReturnType<typeof client>;
// Each test its own requesting address, so the per-address limits of a shared database never interfere.
const from = () => ({
  headers: {
    'x-forwarded-for': `10.77.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`,
  },
});

beforeAll(async () => {
  ctx = await testApp({ clock });
  const admin = await buildPerson(ctx.db.pool, { role: 'admin' });
  asAdmin = client(ctx.app, await sessionFor(ctx.db.pool, admin));
  await ctx.db.pool.query("update sessions set expires_at = now() + interval '1 year' where person_id = $1", [
    admin.id,
  ]);
  anonymous = client(ctx.app);
});

async function tokenMailedTo(address: string, kind: 'invitation' | 'sign_in_link') {
  const { rows } = await ctx.db.pool.query(
    'select text_body from outbound_mail where lower(to_address) = lower($1) and kind = $2 order by id desc limit 1',
    [address, kind],
  );
  return /#([A-Za-z0-9_-]+)/.exec(rows[0].text_body)![1]!;
}

async function invite(name: string) {
  const email = `${unique(name)}@example.test`;
  const created = await asAdmin.post('/api/v1/admin/invitations', { email, name });
  expect(created.statusCode, created.body).toBe(201);
  return { email, id: created.json().id as string, token: await tokenMailedTo(email, 'invitation') };
}

const invitationStatus = async (id: string) => {
  const { rows } = await ctx.db.pool.query(
    `select accepted_at is not null as accepted, token_hash is null as swept from invitations where id = $1`,
    [id],
  );
  return rows[0] as { accepted: boolean; swept: boolean };
};

describe('an invitation is closed however the invited person arrives', () => {
  it('a magic link accepts the waiting invitation, and its own link stops working', async () => {
    const invited = await invite('mila');
    const asked = await anonymous.send('POST', '/api/v1/auth/magic-link', { email: invited.email }, from());
    expect(asked.statusCode, asked.body).toBe(200);
    const signedIn = await anonymous.send(
      'POST',
      '/api/v1/auth/magic-link/sign-in',
      { token: await tokenMailedTo(invited.email, 'sign_in_link') },
      from(),
    );
    expect(signedIn.statusCode, signedIn.body).toBe(200);
    expect(await invitationStatus(invited.id)).toMatchObject({ accepted: true });
    const listed = await asAdmin.get('/api/v1/admin/invitations?status=accepted');
    expect(listed.json().items.map((i: { id: string }) => i.id)).toContain(invited.id);
    const link = await anonymous.send(
      'POST',
      '/api/v1/invitations/preview',
      { token: invited.token },
      from(),
    );
    expect(link.statusCode).toBe(404);
    // Accepted is final: it cannot be withdrawn any more.
    expect((await asAdmin.delete(`/api/v1/admin/invitations/${invited.id}`)).statusCode).toBe(409);
  });

  it('a withdrawn invitation stays withdrawn when the person signs in another way', async () => {
    const invited = await invite('otto');
    expect((await asAdmin.delete(`/api/v1/admin/invitations/${invited.id}`)).statusCode).toBe(204);
    await anonymous.send('POST', '/api/v1/auth/magic-link', { email: invited.email }, from());
    const signedIn = await anonymous.send(
      'POST',
      '/api/v1/auth/magic-link/sign-in',
      { token: await tokenMailedTo(invited.email, 'sign_in_link') },
      from(),
    );
    expect(signedIn.statusCode).toBe(200);
    expect(await invitationStatus(invited.id)).toMatchObject({ accepted: false });
  });
});

describe('the sweep of spent and expired links', () => {
  it('deletes expired and used sign-in links and clears the hashes of invitations that can no longer be used', async () => {
    const start = new Date('2026-12-02T09:00:00.000Z');
    clock.set(start);
    const person = await buildPerson(ctx.db.pool);
    await anonymous.send('POST', '/api/v1/auth/magic-link', { email: person.email }, from());
    const waiting = await invite('wim');
    const accepted = await invite('ada');
    const acceptedNow = await anonymous.send(
      'POST',
      '/api/v1/invitations/accept',
      { token: accepted.token, password: 'a long enough password' },
      from(),
    );
    expect(acceptedNow.statusCode, acceptedNow.body).toBe(200);
    const links = async () =>
      (
        await ctx.db.pool.query('select count(*)::int as n from sign_in_links where person_id = $1', [
          person.id,
        ])
      ).rows[0].n as number;

    // Fourteen minutes on: the sign-in link and the waiting invitation still work; only the spent hash goes.
    clock.set(new Date(start.getTime() + 14 * 60_000));
    await linkSweepJob.run(ctx.deps);
    expect(await links()).toBe(1);
    expect(await invitationStatus(waiting.id)).toEqual({ accepted: false, swept: false });
    expect(await invitationStatus(accepted.id)).toEqual({ accepted: true, swept: true });

    // Past fifteen minutes the sign-in link is gone; past the invitation's week its hash is too, row kept.
    clock.set(new Date(start.getTime() + 16 * 60_000));
    await linkSweepJob.run(ctx.deps);
    expect(await links()).toBe(0);
    expect(await invitationStatus(waiting.id)).toEqual({ accepted: false, swept: false });
    clock.set(new Date(start.getTime() + 7 * 86_400_000 + 1000));
    await linkSweepJob.run(ctx.deps);
    expect(await invitationStatus(waiting.id)).toEqual({ accepted: false, swept: true });

    // An expired invitation may still be resent: a new link that works.
    const resent = await asAdmin.post(`/api/v1/admin/invitations/${waiting.id}/resend`);
    expect(resent.statusCode, resent.body).toBe(200);
    expect(await invitationStatus(waiting.id)).toEqual({ accepted: false, swept: false });
    const preview = await anonymous.send(
      'POST',
      '/api/v1/invitations/preview',
      { token: await tokenMailedTo(waiting.email, 'invitation') },
      from(),
    );
    expect(preview.statusCode).toBe(200);
  });
});
