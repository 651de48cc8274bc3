import { auditMatrix } from './audit.matrix.js';
import { communitiesMatrix } from './communities.matrix.js';
import { demoMatrix } from './demo.matrix.js';
import { eventsMatrix } from './events.matrix.js';
import { feedMatrix } from './feed.matrix.js';
import type { MatrixRow } from './matrix.js';
import { notificationsMatrix } from './notifications.matrix.js';
import { peopleMatrix } from './people.matrix.js';
import { siteMatrix } from './site.matrix.js';
import { threadsMatrix } from './threads.matrix.js';

/** Every module's rows; a new module adds its file here. */
export const matrix: MatrixRow[] = [
  ...peopleMatrix,
  ...auditMatrix,
  ...communitiesMatrix,
  ...threadsMatrix,
  ...feedMatrix,
  ...notificationsMatrix,
  ...eventsMatrix,
  ...siteMatrix,
  ...demoMatrix,
];
