import type { CommunityDetails } from '../../../../contract/communities.js';
import { VISIBILITIES } from '../../api/contract-values.js';

type Visibility = CommunityDetails['visibility'];

/** From widest to narrowest, as VISIBILITIES lists them. */
const width = (visibility: Visibility) => VISIBILITIES.length - VISIBILITIES.indexOf(visibility);

/**
 * The visibilities the settings form offers: all of them to someone who may widen it (its owners), otherwise only
 * the current one and narrower ones (an admin may narrow, never widen; the server enforces it).
 */
export const visibilityChoices = (
  community: Pick<CommunityDetails, 'visibility' | 'canWidenVisibility'>,
): Visibility[] =>
  community.canWidenVisibility
    ? [...VISIBILITIES]
    : VISIBILITIES.filter((option) => width(option) <= width(community.visibility));
