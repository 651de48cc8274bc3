import type { Settings } from '../../../contract/settings.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import type { CommunityAccess } from './access.js';

/** Creating a secret community, or making one secret, per the admin setting `secretCommunityCreators`. */
export const mayMakeSecret = (viewer: Viewer, settings: Settings): boolean =>
  viewer.role === 'admin' || settings.secretCommunityCreators === 'everyone';

/**
 * Adding, removing and promoting others, and deciding join requests: managers (access.ts), except that in a
 * secret community only its owners may, so membership of a secret place never grows past its owners' choice.
 */
export const mayManageMembers = (access: CommunityAccess): boolean =>
  access.role === 'owner' || (access.canManage && access.visibility !== 'secret');

/** The viability threshold (condition 5) is the organisation's yardstick, so only admins move it off its default. */
export const maySetThreshold = (viewer: Viewer): boolean => viewer.role === 'admin';
