import { describe, expect, it } from 'vitest';
import { LIMITS, THREAD_KINDS } from '../../api/contract-values.js';
import { type Draft, draftAfterPost, draftPayload, draftProblems, emptyDraft, needsTitle } from './draft.js';

const draft = (patch: Partial<Draft>): Draft => ({ ...emptyDraft('sales'), ...patch });

describe('needsTitle: a title is required per kind', () => {
  it('updates and praise may go without; every other kind needs one', () => {
    const untitled = THREAD_KINDS.filter((kind) => !needsTitle(kind));
    expect(untitled.sort()).toEqual(['praise', 'update']);
    expect(needsTitle('question')).toBe(true);
    expect(needsTitle('announcement')).toBe(true);
  });
});

describe('draftProblems', () => {
  it('a complete question has none', () => {
    expect(draftProblems(draft({ title: 'Where is the VPN guide?', body: 'Thanks!' }))).toEqual({});
  });

  it('a question without a title, or with only spaces, needs one', () => {
    expect(draftProblems(draft({ title: '', body: 'text' }))).toEqual({
      title: { key: 'composer.titleRequired' },
    });
    expect(draftProblems(draft({ title: '   ', body: 'text' })).title).toEqual({
      key: 'composer.titleRequired',
    });
  });

  it('an update or praise without a title is fine', () => {
    expect(draftProblems(draft({ kind: 'update', body: 'Shipped.' }))).toEqual({});
    expect(draftProblems(draft({ kind: 'praise', body: 'Well done @an', praised: ['an'] }))).toEqual({});
  });

  it('praise needs one to twenty people', () => {
    expect(draftProblems(draft({ kind: 'praise', body: 'Well done' }))).toEqual({
      praised: { key: 'praise.recipientsRequired' },
    });
    const many = Array.from({ length: 21 }, (_, i) => `p${i}`);
    expect(draftProblems(draft({ kind: 'praise', body: 'All of you', praised: many }))).toEqual({
      praised: { key: 'praise.tooMany', max: 20 },
    });
    expect(draftProblems(draft({ kind: 'praise', body: 'All of you', praised: many.slice(1) }))).toEqual({});
  });

  it('the body is required for every kind, spaces and newlines do not count', () => {
    expect(draftProblems(draft({ kind: 'update', body: ' \n\t ' }))).toEqual({
      body: { key: 'composer.bodyRequired' },
    });
    expect(draftProblems(draft({ title: 'T', body: '' })).body).toEqual({ key: 'composer.bodyRequired' });
  });

  it('reports both fields at once', () => {
    expect(Object.keys(draftProblems(draft({})))).toEqual(['title', 'body']);
  });

  it('takes the limits from the contract: exactly at the limit passes, one over does not', () => {
    const atLimit = draft({ title: 't'.repeat(LIMITS.titleLength), body: 'b'.repeat(LIMITS.bodyLength) });
    expect(draftProblems(atLimit)).toEqual({});
    const over = draft({
      title: 't'.repeat(LIMITS.titleLength + 1),
      body: 'b'.repeat(LIMITS.bodyLength + 1),
    });
    expect(draftProblems(over)).toEqual({
      title: { key: 'composer.tooLong', max: 200 },
      body: { key: 'composer.tooLong', max: 50_000 },
    });
  });

  it('too long wins over required for an untitled kind with a very long title', () => {
    expect(draftProblems(draft({ kind: 'update', title: 'x'.repeat(201), body: 'b' })).title).toEqual({
      key: 'composer.tooLong',
      max: 200,
    });
  });
});

describe('draftPayload', () => {
  it('trims the title and body and sends no community as null (company-wide)', () => {
    expect(
      draftPayload(draft({ communitySlug: '', kind: 'announcement', title: '  Hi ', body: '\n Body \n' })),
    ).toEqual({ communitySlug: null, kind: 'announcement', title: 'Hi', body: 'Body' });
    expect(draftPayload(draft({ title: 'T', body: 'B' })).communitySlug).toBe('sales');
  });

  it('sends the people praised only for praise, and a theme or goal only when chosen', () => {
    expect(draftPayload(draft({ kind: 'praise', body: 'Thanks', praised: ['an'] }))).toEqual({
      communitySlug: 'sales',
      kind: 'praise',
      title: '',
      body: 'Thanks',
      praised: ['an'],
    });
    expect(
      draftPayload(draft({ kind: 'idea', title: 'I', body: 'B', praised: ['an'], themeId: '4', goalId: '' })),
    ).toEqual({ communitySlug: 'sales', kind: 'idea', title: 'I', body: 'B', themeId: '4' });
  });
});

describe('draftAfterPost', () => {
  const typed = draft({ kind: 'idea', title: 'A better coffee machine', body: 'Hear me out.' });

  it('a failed post keeps every word typed', () => {
    expect(draftAfterPost(typed, 'failed')).toEqual(typed);
  });

  it('a post that went through empties title and body, keeping kind and community for the next one', () => {
    expect(draftAfterPost({ ...typed, themeId: '4', goalId: '7' }, 'posted')).toEqual({
      kind: 'idea',
      communitySlug: 'sales',
      title: '',
      body: '',
      praised: [],
      themeId: '',
      goalId: '',
      poll: { options: ['', ''], multiple: false, anonymous: false, closesAt: '' },
      event: { startsAt: '', endsAt: '', place: '', onlineUrl: '' },
      ama: { startsAt: '', endsAt: '' },
    });
  });

  it('an empty draft starts as a question, in the community given', () => {
    expect(emptyDraft()).toEqual({
      kind: 'question',
      communitySlug: '',
      title: '',
      body: '',
      praised: [],
      themeId: '',
      goalId: '',
      poll: { options: ['', ''], multiple: false, anonymous: false, closesAt: '' },
      event: { startsAt: '', endsAt: '', place: '', onlineUrl: '' },
      ama: { startsAt: '', endsAt: '' },
    });
  });
});

describe('polls and AMAs in the composer', () => {
  it('a poll needs two filled options and sends only those, its closing time as UTC', () => {
    const poll = { options: ['Yes', '  '], multiple: false, anonymous: true, closesAt: '' };
    expect(draftProblems(draft({ kind: 'poll', title: 'Q?', body: 'b', poll }))).toEqual({
      poll: { key: 'polls.optionsRequired', min: 2 },
    });
    const ready = draft({
      kind: 'poll',
      title: 'Q?',
      body: 'b',
      poll: { ...poll, options: [' Yes ', '', 'No'], closesAt: '2030-01-02T10:00' },
    });
    expect(draftProblems(ready)).toEqual({});
    expect(draftPayload(ready).poll).toEqual({
      options: ['Yes', 'No'],
      multiple: false,
      anonymous: true,
      closesAt: new Date('2030-01-02T10:00').toISOString(),
    });
    expect(draftPayload(draft({ title: 'Q', body: 'b' }))).not.toHaveProperty('poll');
  });

  it('an AMA needs its period; a post empties both', () => {
    const ama = draft({
      kind: 'ama',
      title: 'AMA',
      body: 'b',
      ama: { startsAt: '2030-01-02T10:00', endsAt: '' },
    });
    expect(draftProblems(ama)).toEqual({ ama: { key: 'amas.periodRequired' } });
    const after = draftAfterPost({ ...ama, poll: { ...ama.poll, options: ['a', 'b', 'c'] } }, 'posted');
    expect(after.ama).toEqual({ startsAt: '', endsAt: '' });
    expect(after.poll.options).toEqual(['', '']);
  });
});

describe('events in the composer', () => {
  it("need times and a place or a link; times go as UTC with the writer's own zone", () => {
    const event = { startsAt: '2030-01-02T10:00', endsAt: '2030-01-02T11:00', place: '', onlineUrl: '' };
    expect(draftProblems(draft({ kind: 'event', title: 'T', body: 'b', event }))).toEqual({
      event: { key: 'events.placeRequired' },
    });
    const ready = draft({ kind: 'event', title: 'T', body: 'b', event: { ...event, place: ' Utrecht ' } });
    expect(draftProblems(ready)).toEqual({});
    expect(draftPayload(ready).event).toEqual({
      startsAt: new Date('2030-01-02T10:00').toISOString(),
      endsAt: new Date('2030-01-02T11:00').toISOString(),
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      place: 'Utrecht',
      onlineUrl: null,
    });
  });
});
