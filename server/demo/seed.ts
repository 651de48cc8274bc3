import type { Deps } from '../platform/http/deps.js';

/** Placeholder until the demo organisation lands (see server/demo). */
export async function seedDemo(_deps: Deps): Promise<Record<string, number>> {
  return {};
}
