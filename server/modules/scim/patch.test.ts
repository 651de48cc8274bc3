import { describe, expect, it } from 'vitest';
import { canonical, USER_TOP } from './document.js';
import { applyPatch, readOperations } from './patch.js';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const patch = (doc: Record<string, unknown>, ...operations: unknown[]) =>
  applyPatch(USER_TOP, canonical(USER_TOP, doc), readOperations({ Operations: operations }));

describe('applyPatch', () => {
  it('adds to a list, replaces a filtered element, removes by filter, keeps one primary', () => {
    const doc = {
      emails: [
        { value: 'a@x.test', type: 'work', primary: true },
        { value: 'b@x.test', type: 'home' },
      ],
    };
    expect(
      patch(doc, { op: 'add', path: 'emails', value: [{ value: 'c@x.test', primary: true }] }).emails,
    ).toEqual([
      { value: 'a@x.test', type: 'work', primary: false },
      { value: 'b@x.test', type: 'home' },
      { value: 'c@x.test', primary: true },
    ]);
    expect(
      patch(doc, { op: 'replace', path: 'emails[type eq "home"].value', value: 'h@x.test' }).emails,
    ).toEqual([
      { value: 'a@x.test', type: 'work', primary: true },
      { value: 'h@x.test', type: 'home' },
    ]);
    expect(patch(doc, { op: 'remove', path: 'emails[TYPE eq "WORK"]' }).emails).toEqual([
      { value: 'b@x.test', type: 'home' },
    ]);
  });

  it('reads Entra: "Replace", "False", a bare manager id, enterprise keys in a path-less value', () => {
    const result = patch(
      { userName: 'u', active: true },
      { op: 'Replace', path: 'active', value: 'False' },
      { op: 'Add', path: `${ENTERPRISE}:manager`, value: '42' },
      { op: 'replace', value: { [`${ENTERPRISE}:department`]: 'Sales', 'name.givenName': 'Ann' } },
    );
    expect(result).toEqual({
      userName: 'u',
      active: false,
      name: { givenName: 'Ann' },
      [ENTERPRISE]: { manager: { value: '42' }, department: 'Sales' },
    });
  });

  it('merges a complex value and ignores attributes the schema does not know', () => {
    const result = patch(
      { name: { givenName: 'Ann', familyName: 'Smit' } },
      { op: 'replace', path: 'name', value: { familyName: 'Jansen' } },
      { op: 'replace', path: 'favouriteColour', value: 'blue' },
    );
    expect(result).toEqual({ name: { givenName: 'Ann', familyName: 'Jansen' } });
  });

  it('refuses an op that is not add, replace or remove, and a remove without a path', () => {
    expect(() => patch({}, { op: 'move', path: 'title' })).toThrow(/not add, replace or remove/);
    expect(() => patch({}, { op: 'remove' })).toThrow(/needs a path/);
  });
});
