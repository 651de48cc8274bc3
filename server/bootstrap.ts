import { DEMO_PASSWORD } from './demo/organisation.js';
import { seedDemo } from './demo/seed.js';
import * as people from './modules/people/repository.js';
import { createPerson } from './modules/people/service.js';
import type { Deps } from './platform/http/deps.js';
import { Problem } from './platform/http/problem.js';

/** Start-up data: the demo organisation on an empty database, then the configured admin. Safe on every start. */
export async function bootstrap(deps: Deps): Promise<void> {
  const { admin, demo } = deps.config;
  if (demo) {
    const started = performance.now();
    const summary = await seedDemo(deps);
    if (summary) {
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      deps.log.info(
        { ...summary, seconds: Number(seconds), password: DEMO_PASSWORD },
        `demo organisation created in ${seconds} s: ${summary.people} people, ${summary.communities} communities, ` +
          `${summary.threads} threads, ${summary.replies} replies; every demo person signs in with the password ${DEMO_PASSWORD}`,
      );
    }
  }
  if (admin) await ensureAdmin(deps, admin);
}

/** Creates the configured admin unless a person with that email exists; never changes an existing one. */
async function ensureAdmin(deps: Deps, admin: { email: string; password: string }): Promise<void> {
  if (await people.findByEmail(deps.db.pool, admin.email)) return;
  try {
    await createPerson(deps, null, {
      email: admin.email,
      name: 'Administrator',
      password: admin.password,
      role: 'admin',
      title: '',
      department: '',
      location: '',
      timeZone: 'Europe/Amsterdam',
      leader: false,
      skills: [],
      bio: '',
    });
  } catch (error) {
    // Another node starting at the same moment created it first: the admin exists, which is all we want.
    const taken =
      (error instanceof Problem && error.status === 409) || (error as { code?: string }).code === '23505';
    if (taken && (await people.findByEmail(deps.db.pool, admin.email))) return;
    throw error;
  }
  deps.log.info({ email: admin.email }, 'admin created');
}
