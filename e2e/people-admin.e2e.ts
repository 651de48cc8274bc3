import { randomBytes } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { signInAsAdmin } from './api.js';
import { violations } from './axe.js';
import {
  type Device,
  LAPTOP,
  launchBrowser,
  newContext,
  PHONE,
  photograph,
  photographOnFailure,
  seen,
  settled,
} from './browser.js';
import { ADMIN } from './server.js';
import { openFromMore, signIn, wordsFor } from './steps.js';

const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const devices: [string, Device][] = [
  ['laptop, English', { ...LAPTOP, language: 'en' }],
  ['phone, Dutch, dark', { ...PHONE, language: 'nl', dark: true }],
];

describe('people administration: find, invite, deactivate and reactivate', { timeout: 180_000 }, () => {
  it.each(devices)('%s', async (_, device) => {
    const t = wordsFor(device.language);
    const suffix = randomBytes(3).toString('hex');
    // Someone provisioned by an admin through the API, to find, deactivate and bring back.
    const admin = await signInAsAdmin(baseUrl);
    const colleague = await admin.send<{ handle: string; name: string }>('POST', '/api/v1/people', {
      email: `colleague.${suffix}@e2e.example`,
      name: `Colleague Zeta${suffix}`,
    });
    const context = await newContext(browser, baseUrl, device);
    const page = await context.newPage();
    const label = `people-admin-${device.width}`;
    try {
      await photographOnFailure([page], label, async () => {
        await signIn(page, t, { ...ADMIN, name: 'Admin', handle: 'admin' });
        await settled(page);
        await openFromMore(page, t, t('adminPeople.nav'));
        await seen(page.getByRole('heading', { level: 1, name: t('adminPeople.title') }));
        await settled(page);
        expect(await violations(page)).toEqual([]);

        // Invite a newcomer: they show in the list at once, not signed in yet, with an open invitation.
        const invitee = `Invitee Zeta${suffix}`;
        await page.getByLabel(t('adminPeople.inviteName'), { exact: true }).fill(invitee);
        await page
          .getByLabel(t('adminPeople.inviteEmail'), { exact: true })
          .fill(`invitee.${suffix}@e2e.example`);
        await page.getByRole('button', { name: t('adminPeople.invite'), exact: true }).click();
        await seen(page.getByText(t('adminPeople.invited', { email: `invitee.${suffix}@e2e.example` })));

        await page.getByLabel(t('adminPeople.search'), { exact: true }).fill(`Zeta${suffix}`);
        await page.getByRole('button', { name: t('adminPeople.apply'), exact: true }).click();
        const inviteeRow = page.locator('tr', { hasText: invitee });
        await seen(inviteeRow.getByText(t('adminPeople.sources.invite'), { exact: true }));
        await seen(inviteeRow.getByText(t('adminPeople.invitation.open')));
        await seen(inviteeRow.getByText(t('adminPeople.never')));
        const row = page.locator(`tr[data-handle="${colleague.handle}"]`);
        await seen(row.getByText(t('adminPeople.sources.admin'), { exact: true }));

        // Make the colleague a leader and community manager with a new title, through the edit dialog.
        await row.getByRole('button', { name: t('adminPeople.edit.open', { name: colleague.name }) }).click();
        const dialog = page.getByRole('dialog', {
          name: t('adminPeople.edit.title', { name: colleague.name }),
        });
        await dialog
          .getByLabel(t('adminPeople.edit.jobTitle'), { exact: true })
          .fill(`Head of Support ${suffix}`);
        await dialog
          .getByLabel(t('adminPeople.edit.role'), { exact: true })
          .selectOption('community_manager');
        await dialog.getByLabel(t('adminPeople.edit.leader')).check();
        expect(await violations(page)).toEqual([]);
        await dialog.getByRole('button', { name: t('adminPeople.edit.save'), exact: true }).click();
        await dialog.waitFor({ state: 'hidden' });
        const changed = await admin.get<{ title: string; role: string; isLeader: boolean }>(
          `/api/v1/people/${colleague.handle}`,
        );
        expect([changed.title, changed.role, changed.isLeader]).toEqual([
          `Head of Support ${suffix}`,
          'community_manager',
          true,
        ]);

        // Deactivate the colleague, then filter on deactivated people: only they are left of the two.
        await row
          .getByRole('button', { name: t('adminPeople.deactivateName', { name: colleague.name }) })
          .click();
        await seen(row.getByText(t('adminPeople.statuses.deactivated'), { exact: true }));
        await page.getByLabel(t('adminPeople.statusFilter'), { exact: true }).selectOption('deactivated');
        await page.getByRole('button', { name: t('adminPeople.apply'), exact: true }).click();
        await expect.poll(() => page.locator('tbody tr').count()).toBe(1);
        await seen(row);
        expect(await violations(page)).toEqual([]);
        await photograph(page, label);

        // And bring them back.
        await row
          .getByRole('button', { name: t('adminPeople.reactivateName', { name: colleague.name }) })
          .click();
        await seen(page.getByText(t('adminPeople.empty')));
        const back = await admin.get<{ status: string }>(`/api/v1/people/${colleague.handle}`);
        expect(back.status).toBe('active');
      });
    } finally {
      await context.close();
    }
  });
});
