import type { Page } from 'playwright-core';
import type { NewPerson } from './api.js';
import { seen, visible, waitForPath } from './browser.js';
import { wordsFor } from './words.js';

export type Words = ReturnType<typeof wordsFor>;

/** Signs in with email and password from wherever the app sent us, and waits for the home feed. */
export async function signIn(page: Page, t: Words, person: NewPerson, start = '/'): Promise<void> {
  await page.goto(start);
  await waitForPath(page, '/login');
  await seen(page.getByRole('heading', { name: t('login.title') }));
  await page.getByLabel(t('login.email')).fill(person.email);
  await page.getByLabel(t('login.password'), { exact: true }).fill(person.password);
  await page.getByRole('button', { name: t('login.signIn'), exact: true }).click();
  await waitForPath(page, start);
}

export async function signOut(page: Page, t: Words, name: string): Promise<void> {
  await page.getByRole('button', { name: t('nav.accountMenu', { name }) }).click();
  await page.getByRole('button', { name: t('nav.signOut') }).click();
  await waitForPath(page, '/login');
  await seen(page.getByRole('heading', { name: t('login.title') }));
}

/** Through the navigation (top bar on a laptop, bottom bar on a phone) to the community directory. */
export async function openCommunity(page: Page, t: Words, search: string, name: string): Promise<void> {
  await visible(page.getByRole('link', { name: t('nav.communities'), exact: true })).click();
  await waitForPath(page, '/groups');
  await page.getByLabel(t('communities.search')).fill(search);
  await (await seen(page.getByRole('link', { name, exact: true }))).click();
  await seen(page.getByRole('heading', { level: 1, name }));
}

/** Opens the composer, keeps the kind "question", and posts. */
export async function askQuestion(page: Page, t: Words, community: string, title: string, body: string) {
  await page.getByRole('button', { name: t('composer.promptIn', { name: community }) }).click();
  await page.getByRole('radio', { name: t('kinds.question') }).check();
  // Similar questions appear under the title once it settles: wait for them, so the button does not move mid-click.
  const similar = page.waitForResponse((response) => response.url().includes('/api/v1/questions/similar'));
  await page.getByLabel(t('composer.title'), { exact: true }).fill(title);
  await page.getByRole('textbox', { name: t('composer.body'), exact: true }).fill(body);
  await similar;
  await page.waitForFunction(() => new Promise((resolve) => requestAnimationFrame(() => resolve(true))));
  await page.getByRole('button', { name: t('composer.post.question') }).click();
  await seen(page.getByText(t('composer.posted')));
  await seen(page.getByRole('link', { name: title }));
}

/** Goes to a place behind the navigation's "More" menu, on a laptop's top bar or a phone's bottom bar. */
export async function openFromMore(page: Page, t: Words, label: string): Promise<void> {
  await visible(page.getByRole('button', { name: t('nav.more'), exact: true })).click();
  await visible(page.getByRole('link', { name: label, exact: true })).click();
}

export { wordsFor };
