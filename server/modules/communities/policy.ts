import type { Settings } from '../../../contract/settings.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import type { CommunityAccess, Visibility } from './access.js';

/** Creating a secret community, or making one secret, per the admin setting `secretCommunityCreators`. */
export const mayMakeSecret = (viewer: Viewer, settings: Settings): boolean =>
  viewer.role === 'admin' || settings.secretCommunityCreators === 'everyone';

/**
 * Adding, removing and promoting others, and deciding join requests: a community's owners; admins too in an open
 * one. Membership of a closed or secret community is its readership, so only its owners choose it (ARCHITECTURE.md
 * "Who sees what"): admins and community managers get no seat there by their role.
 */
export const mayManageMembers = (access: CommunityAccess): boolean =>
  access.role === 'owner' || (access.canManage && access.visibility === 'open');

const WIDTH: Record<Visibility, number> = { secret: 0, closed: 1, open: 2 };

/** Widening who may know of or read a community (secret → closed → open) is its owners' choice alone. */
export const mayWidenVisibility = (access: CommunityAccess): boolean => access.role === 'owner';

export const widens = (from: Visibility, to: Visibility): boolean => WIDTH[to] > WIDTH[from];

/** Nobody lets themselves in: a join request is approved by someone other than who asked. */
export const mayApproveRequest = (viewer: Viewer, requesterId: string): boolean => requesterId !== viewer.id;

/** The viability threshold (condition 5) is the organisation's yardstick, so only admins move it off its default. */
export const maySetThreshold = (viewer: Viewer): boolean => viewer.role === 'admin';

/**
 * An admin appoints an owner only for a community with no active owner (appointment.ts), and never themselves:
 * that would be the seat in a closed or secret community their role does not give them.
 */
export const mayAppointOwner = (viewer: Viewer, appointeeId: string): boolean =>
  viewer.role === 'admin' && appointeeId !== viewer.id;
