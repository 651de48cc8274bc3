import { amasMatrix } from './amas.matrix.js';
import { analyticsMatrix } from './analytics.matrix.js';
import { attachmentsMatrix } from './attachments.matrix.js';
import { auditMatrix } from './audit.matrix.js';
import { calendarMatrix } from './calendar.matrix.js';
import { communitiesMatrix } from './communities.matrix.js';
import { communityHealthMatrix } from './community-health.matrix.js';
import { demoMatrix } from './demo.matrix.js';
import { editHistoryMatrix } from './edit-history.matrix.js';
import { eventsMatrix } from './events.matrix.js';
import { feedMatrix } from './feed.matrix.js';
import { funnelMatrix } from './funnel.matrix.js';
import { goalsMatrix } from './goals.matrix.js';
import { importMatrix } from './import.matrix.js';
import { invitationsMatrix } from './invitations.matrix.js';
import { mailMatrix } from './mail.matrix.js';
import type { MatrixRow } from './matrix.js';
import { moderationMatrix } from './moderation.matrix.js';
import { notificationsMatrix } from './notifications.matrix.js';
import { peopleMatrix } from './people.matrix.js';
import { pollsMatrix } from './polls.matrix.js';
import { privacyMatrix } from './privacy.matrix.js';
import { scimMatrix } from './scim.matrix.js';
import { searchMatrix } from './search.matrix.js';
import { siteMatrix } from './site.matrix.js';
import { ssoMatrix } from './sso.matrix.js';
import { themesMatrix } from './themes.matrix.js';
import { threadsMatrix } from './threads.matrix.js';

/** Every module's rows; a new module adds its file here. */
export const matrix: MatrixRow[] = [
  ...peopleMatrix,
  ...auditMatrix,
  ...communitiesMatrix,
  ...communityHealthMatrix,
  ...threadsMatrix,
  ...editHistoryMatrix,
  ...pollsMatrix,
  ...calendarMatrix,
  ...amasMatrix,
  ...feedMatrix,
  ...notificationsMatrix,
  ...eventsMatrix,
  ...siteMatrix,
  ...ssoMatrix,
  ...demoMatrix,
  ...importMatrix,
  ...themesMatrix,
  ...goalsMatrix,
  ...analyticsMatrix,
  ...searchMatrix,
  ...mailMatrix,
  ...scimMatrix,
  ...invitationsMatrix,
  ...funnelMatrix,
  ...moderationMatrix,
  ...privacyMatrix,
  ...attachmentsMatrix,
];
