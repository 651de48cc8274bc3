import type { Viewer } from '../../platform/auth/viewer.js';
import type { ThemeRow } from './repository.js';

const isAdmin = (viewer: Viewer) => viewer.role === 'admin';

/** Strategic themes are opened by people with a mandate to act on the answer: leaders, and admins for them. */
export const mayOpenTheme = (viewer: Viewer) => viewer.isLeader || isAdmin(viewer);

/** Its owner, or an admin, may change the text, the end date, and close or reopen it. */
export const mayEditTheme = (viewer: Viewer, theme: ThemeRow) =>
  theme.owner_id === viewer.id || isAdmin(viewer);

/** "What we did with it" comes from its owner or another leader: people who can act on it. */
export const mayPostOutcome = (viewer: Viewer, theme: ThemeRow) =>
  theme.owner_id === viewer.id || viewer.isLeader;
