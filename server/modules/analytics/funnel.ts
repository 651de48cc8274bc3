import type { Withheld } from '../../../contract/analytics.js';
import type { Funnel, FunnelQuery } from '../../../contract/funnel.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import type { Deps } from '../../platform/http/deps.js';
import { type FunnelCountsRow, invitationFunnel } from './funnel-repository.js';
import { isFiltered, minimumGroup, viewGroupSize, withheldFor } from './group-size.js';
import { requireAnalyticsViewer } from './service.js';

const DAY = 86_400_000;
const WINDOW_DAYS = 28;

/**
 * Condition 6's funnel (docs/ANALYTICS.md, "The invitation funnel"): invited → activated → monthly active → engaged,
 * per department and location, with the median hours from invitation to first sign-in.
 */
export async function funnel(deps: Deps, viewer: Viewer, query: FunnelQuery): Promise<Funnel> {
  requireAnalyticsViewer(viewer);
  const toDay = query.to ?? deps.clock.now().toISOString().slice(0, 10);
  const end = new Date(Date.parse(`${toDay}T00:00:00Z`) + DAY);
  const from = new Date(end.getTime() - WINDOW_DAYS * DAY);
  const fromDay = from.toISOString().slice(0, 10);
  // A filtered funnel is about the people of the filter, and each row about its department's or location's people.
  const filter = {
    communityId: null,
    department: query.department ?? null,
    location: query.location ?? null,
  };
  const db = deps.db.pool;
  const [rows, minimum, group] = await Promise.all([
    invitationFunnel(db, { from, end, fromDay, toDay }, filter),
    minimumGroup(db),
    isFiltered(filter) ? viewGroupSize(db, filter) : null,
  ]);
  const total = rows.find((row) => !row.by_department && !row.by_location);
  const viewWithheld = group === null ? null : withheldFor(group, minimum);
  const counts = (row: FunnelCountsRow) => {
    const reason = viewWithheld ?? withheldFor(row.invited, minimum);
    return reason ? withheldCounts(reason) : shownCounts(row);
  };
  return {
    from: fromDay,
    to: toDay,
    total: viewWithheld
      ? withheldCounts(viewWithheld)
      : total
        ? shownCounts(total)
        : { invited: 0, activated: 0, monthlyActive: 0, engaged: 0, medianHoursToActivation: null },
    byDepartment: rows
      .filter((row) => row.by_department)
      .map((row) => ({ department: row.department ?? '', ...counts(row) }))
      .sort((a, b) => a.department.localeCompare(b.department)),
    byLocation: rows
      .filter((row) => row.by_location)
      .map((row) => ({ location: row.location ?? '', ...counts(row) }))
      .sort((a, b) => a.location.localeCompare(b.location)),
  };
}

const withheldCounts = (reason: Withheld) => ({
  invited: null,
  activated: null,
  monthlyActive: null,
  engaged: null,
  medianHoursToActivation: null,
  withheld: reason,
});

const shownCounts = (row: FunnelCountsRow) => ({
  invited: row.invited,
  activated: row.activated,
  monthlyActive: row.monthly_active,
  engaged: row.engaged,
  medianHoursToActivation: row.median_hours === null ? null : Math.round(Number(row.median_hours) * 10) / 10,
});
