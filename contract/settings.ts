import { z } from 'zod';

/** Who may create a secret community (or make one secret): admins only, or every active person. */
export const SecretCommunityCreators = z.enum(['admins', 'everyone']);

export const Settings = z.object({ secretCommunityCreators: SecretCommunityCreators });
export type Settings = z.infer<typeof Settings>;

export const DEFAULT_SETTINGS: Settings = { secretCommunityCreators: 'admins' };

export const UpdateSettings = Settings.partial().strict();
