import { describe, expect, it } from 'vitest';
import { visibilityChoices } from './visibility-choices.js';

describe('visibilityChoices', () => {
  it('offers owners every visibility', () => {
    expect(visibilityChoices({ visibility: 'secret', canWidenVisibility: true })).toEqual([
      'open',
      'closed',
      'secret',
    ]);
  });

  it('offers others (admins) only the current visibility and narrower ones', () => {
    expect(visibilityChoices({ visibility: 'closed', canWidenVisibility: false })).toEqual([
      'closed',
      'secret',
    ]);
    expect(visibilityChoices({ visibility: 'secret', canWidenVisibility: false })).toEqual(['secret']);
    expect(visibilityChoices({ visibility: 'open', canWidenVisibility: false })).toEqual([
      'open',
      'closed',
      'secret',
    ]);
  });
});
