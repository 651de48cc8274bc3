import type {
  CommunityDetails,
  CommunitySummary,
  JoinRequest,
  Member,
  Membership,
} from '../../../contract/communities.js';
import { presentSummary } from '../people/present.js';
import type { SummaryRow } from '../people/repository.js';
import type { CommunityAccess } from './access.js';
import type { MembershipRow, RequestRow } from './membership-repository.js';
import { mayManageMembers, mayWidenVisibility } from './policy.js';
import type { ViewedCommunityRow } from './repository.js';

export const presentCommunity = (row: ViewedCommunityRow, sponsor: SummaryRow | null): CommunitySummary => ({
  id: row.id,
  slug: row.slug,
  name: row.name,
  description: row.description,
  visibility: row.visibility,
  kind: row.kind,
  memberCount: row.member_count,
  viabilityThreshold: row.viability_threshold,
  sponsor: sponsor ? presentSummary(sponsor) : null,
  myRole: row.my_role,
  myRequest: row.my_request ? 'pending' : null,
  createdAt: row.created_at.toISOString(),
});

export const presentDetails = (
  row: ViewedCommunityRow,
  related: { sponsor: SummaryRow | null; owners: SummaryRow[]; access: CommunityAccess },
): CommunityDetails => ({
  ...presentCommunity(row, related.sponsor),
  owners: related.owners.map(presentSummary),
  canRead: related.access.canRead,
  canManage: related.access.canManage,
  canManageMembers: mayManageMembers(related.access),
  canWidenVisibility: mayWidenVisibility(related.access),
});

export const presentMember = (
  person: SummaryRow,
  membership: Pick<MembershipRow, 'role' | 'joined_at'>,
): Member => ({
  person: presentSummary(person),
  role: membership.role,
  joinedAt: membership.joined_at.toISOString(),
});

export const presentMembership = (
  person: SummaryRow,
  state: { membership: MembershipRow } | { request: RequestRow },
): Membership =>
  'membership' in state
    ? {
        person: presentSummary(person),
        state: 'member',
        role: state.membership.role,
        joinedAt: state.membership.joined_at.toISOString(),
        requestId: null,
      }
    : {
        person: presentSummary(person),
        state: 'pending',
        role: null,
        joinedAt: null,
        requestId: state.request.id,
      };

export const presentRequest = (row: RequestRow, person: SummaryRow): JoinRequest => ({
  id: row.id,
  person: presentSummary(person),
  message: row.message,
  status: row.status,
  createdAt: row.created_at.toISOString(),
  decidedAt: row.decided_at?.toISOString() ?? null,
});
