import { describe, expect, it } from 'vitest';
import { parseFilter, parsePatchPath, splitPath } from './filter.js';
import { filterSql, SqlParams, USER_COLUMNS } from './filter-sql.js';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

describe('parseFilter', () => {
  it('binds and tighter than or, honours parentheses and not, reads unquoted values', () => {
    expect(parseFilter('a eq 1 or b eq "x" and c pr')).toEqual({
      kind: 'or',
      left: { kind: 'compare', path: 'a', op: 'eq', value: 1 },
      right: {
        kind: 'and',
        left: { kind: 'compare', path: 'b', op: 'eq', value: 'x' },
        right: { kind: 'present', path: 'c' },
      },
    });
    expect(parseFilter('name.FamilyName EQ Employee and not (active eq False)')).toEqual({
      kind: 'and',
      left: { kind: 'compare', path: 'name.FamilyName', op: 'eq', value: 'Employee' },
      right: { kind: 'not', filter: { kind: 'compare', path: 'active', op: 'eq', value: false } },
    });
    expect(parseFilter('members[value eq "7"]')).toEqual({
      kind: 'valuePath',
      path: 'members',
      filter: { kind: 'compare', path: 'value', op: 'eq', value: '7' },
    });
    expect(parseFilter('userName eq "a \\"quoted\\" name"')).toMatchObject({ value: 'a "quoted" name' });
  });

  it.each([
    '',
    'userName',
    'userName eq',
    'userName xx "a"',
    '(userName eq "a"',
    'userName eq "a" "b"',
    'a eq "open',
  ])('refuses %j', (text) => expect(() => parseFilter(text)).toThrow(/not valid/));
});

describe('patch paths', () => {
  it('reads value filters with a sub-attribute, and keeps the dots of a schema URN inside it', () => {
    expect(parsePatchPath('emails[type eq "work"].value')).toMatchObject({ path: 'emails', sub: 'value' });
    expect(splitPath(`${ENTERPRISE}:manager.value`)).toEqual([ENTERPRISE, 'manager', 'value']);
    expect(splitPath(`${ENTERPRISE.toLowerCase()}:department`)).toEqual([ENTERPRISE, 'department']);
    expect(splitPath('urn:ietf:params:scim:schemas:core:2.0:User:name.givenName')).toEqual([
      'name',
      'givenName',
    ]);
  });
});

describe('filterSql', () => {
  it('compares text in lower case, escapes LIKE wildcards, and never puts a value in the SQL text', () => {
    const params = new SqlParams();
    const sql = filterSql(parseFilter('userName sw "A_b%" and emails co "X"'), USER_COLUMNS, params);
    expect(sql).toBe(
      '(lower(coalesce(p.scim_user_name, p.email)) like $1 and plein_scim_emails(p.scim_data, p.email) like $2)',
    );
    expect(params.values).toEqual(['a\\_b\\%%', '%x%']);
  });
});
