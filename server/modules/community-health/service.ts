import {
  type AttentionItem,
  type CommunityHealth,
  HEALTH_TREND_WEEKS,
  HEALTH_WINDOW_DAYS,
} from '../../../contract/community-health.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import { decodeCursor, encodeCursor } from '../../platform/http/cursor.js';
import type { Deps } from '../../platform/http/deps.js';
import { forbidden } from '../../platform/http/problem.js';
import { addDays, utcDay } from '../../platform/time/days.js';
import { communityGroup, minimumGroup, withheldFor } from '../analytics/group-size.js';
import { requireReadable } from '../communities/access.js';
import { requireDigits } from '../communities/cursor-keys.js';
import { changesBetween } from '../communities/viability-repository.js';
import { presentSummary } from '../people/present.js';
import * as people from '../people/repository.js';
import * as health from './repository.js';
import { suggestionsFor } from './suggestions.js';

/** A community's health, for whoever may read it (404 secret, 403 closed, as the community's own content). */
export async function getHealth(deps: Deps, viewer: Viewer, slug: string): Promise<CommunityHealth> {
  const db = deps.db.pool;
  const access = await requireReadable(db, viewer, { slug });
  const today = utcDay(deps.clock.now());
  const [community, trend, minimum] = await Promise.all([
    health.findSubject(db, access.id),
    health.weeklyTrend(db, access.id, today, HEALTH_TREND_WEEKS),
    minimumGroup(db),
  ]);
  // The last window of the trend ends today: it is the current figure.
  const activeParticipants = trend[trend.length - 1]!.active;
  const since = addDays(trend[0]!.week_ending, -(HEALTH_WINDOW_DAYS - 1));
  const changes = await changesBetween(db, access.id, new Date(`${since}T00:00:00Z`), deps.clock.now());
  const changers = await people.summariesByIds(db, [
    ...new Set(changes.flatMap((change) => (change.changed_by ? [change.changed_by] : []))),
  ]);
  // A community of too few members: how many of them took part would single them out (docs/PRIVACY.md).
  const withheld = withheldFor(communityGroup(community.member_count, activeParticipants), minimum);
  const shown = (active: number) => (withheld ? null : active);
  return {
    kind: community.kind,
    threshold: community.viability_threshold,
    activeParticipants: shown(activeParticipants),
    withheld,
    viable: activeParticipants >= community.viability_threshold,
    windowDays: HEALTH_WINDOW_DAYS,
    asOf: today,
    trend: trend.map((point) => ({
      weekEnding: point.week_ending,
      activeParticipants: shown(point.active),
      threshold: point.threshold,
    })),
    thresholdChanges: changes.map((change) => {
      const by = changers.get(change.changed_by ?? '');
      return {
        changedAt: change.changed_at.toISOString(),
        changedBy: by ? presentSummary(by) : null,
        kindBefore: change.kind_before,
        kindAfter: change.kind_after,
        thresholdBefore: change.threshold_before,
        thresholdAfter: change.threshold_after,
      };
    }),
    suggestions: await suggestionsFor({
      db,
      community,
      access,
      viewerId: viewer.id,
      activeParticipants,
      today,
    }),
  };
}

/** Admins run configuration, community managers the adoption programme: both look after communities. */
const mayReviewCommunities = (viewer: Viewer) =>
  viewer.role === 'admin' || viewer.role === 'community_manager';

/** How many communities one page looks at, so a request does bounded work however large the directory. */
export const ATTENTION_STRETCH = 200;

/**
 * Communities needing attention: without a sponsor, or below their threshold. Only what the viewer may know
 * exists (secret ones only for their members); activity figures only where they may read (closed: members).
 */
export async function listAttention(
  deps: Deps,
  viewer: Viewer,
  query: { cursor?: string; limit: number },
): Promise<{ items: AttentionItem[]; nextCursor: string | null }> {
  if (!mayReviewCommunities(viewer)) {
    throw forbidden('Only admins and community managers see which communities need attention.');
  }
  const db = deps.db.pool;
  const after = decodeCursor(query.cursor, ['string', 'string'] as const);
  if (after) requireDigits(after[1]);
  const stretch = await health.directoryStretch(
    db,
    viewer.id,
    utcDay(deps.clock.now()),
    after ? { name: after[0], id: after[1] } : null,
    ATTENTION_STRETCH,
  );
  const needing = stretch.filter((row) => reasonsOf(row).length > 0);
  const kept = needing.slice(0, query.limit);
  // More may follow after the last kept item (more matched) or after the stretch (it was full).
  const last = needing.length > query.limit ? kept[kept.length - 1] : stretch[stretch.length - 1];
  const more = needing.length > query.limit || stretch.length === ATTENTION_STRETCH;
  const minimum = await minimumGroup(db);
  const sponsors = await people.summariesByIds(db, [
    ...new Set(kept.flatMap((row) => (row.sponsor_id ? [row.sponsor_id] : []))),
  ]);
  return {
    items: kept.map((row) => presentAttention(row, sponsors.get(row.sponsor_id ?? '') ?? null, minimum)),
    nextCursor: more && last ? encodeCursor([last.sort_name, last.id]) : null,
  };
}

function reasonsOf(row: health.AttentionRow): AttentionItem['reasons'] {
  const reasons: AttentionItem['reasons'] = [];
  if (!row.sponsor_id) reasons.push('no_sponsor');
  if (row.active !== null && row.active < row.viability_threshold) reasons.push('below_threshold');
  return reasons;
}

function presentAttention(
  row: health.AttentionRow,
  sponsor: people.SummaryRow | null,
  minimum: number,
): AttentionItem {
  // A readable community of too few members: its active count would single them out; its reasons still show.
  const withheld =
    row.active === null ? null : withheldFor(communityGroup(row.member_count, row.active), minimum);
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    visibility: row.visibility,
    kind: row.kind,
    memberCount: row.member_count,
    threshold: row.viability_threshold,
    sponsor: sponsor ? presentSummary(sponsor) : null,
    reasons: reasonsOf(row),
    activeParticipants: withheld ? null : row.active,
    withheld,
    viable: row.active === null ? null : row.active >= row.viability_threshold,
    createdAt: row.created_at.toISOString(),
  };
}
