import { seedDemo } from './demo/seed.js';
import * as people from './modules/people/repository.js';
import { createPerson } from './modules/people/service.js';
import type { Deps } from './platform/http/deps.js';

/** Start-up data: the configured admin, and the demo organisation on an empty database. */
export async function bootstrap(deps: Deps): Promise<void> {
  const { admin, demo } = deps.config;
  if (demo && !(await hasPeople(deps))) {
    const summary = await seedDemo(deps);
    deps.log.info(summary, 'demo organisation created');
  }
  if (admin && !(await people.findByEmail(deps.db.pool, admin.email))) {
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
    deps.log.info({ email: admin.email }, 'admin created');
  }
}

async function hasPeople(deps: Deps): Promise<boolean> {
  const { rows } = await deps.db.pool.query('select 1 from people limit 1');
  return rows.length > 0;
}
