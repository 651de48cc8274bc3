import { isObject } from './document.js';
import { type Filter, parsePatchPath, splitPath } from './filter.js';
import type { PatchOperation } from './patch.js';
import { ScimProblem } from './problem.js';

export type Member = { value: string; display: string | null };

/**
 * A Group PATCH as steps on the membership table, so adding one member to a group of everyone touches one row:
 * never the whole member list read, changed and written back.
 */
export type GroupStep =
  | { kind: 'set'; displayName?: string; externalId?: string | null }
  | { kind: 'add' | 'replace'; members: Member[] }
  | { kind: 'remove'; members: Member[] | null; filter?: Filter };

const field = (object: Record<string, unknown>, name: string) =>
  Object.entries(object).find(([key]) => key.toLowerCase() === name)?.[1];

/** Members as clients send them: objects with value (and display, or displayName), or bare id strings. */
export function membersOf(value: unknown): Member[] {
  if (value === null || value === undefined) return [];
  const items = Array.isArray(value) ? value : [value];
  return items.flatMap((item): Member[] => {
    if (typeof item === 'string' || typeof item === 'number') return [{ value: String(item), display: null }];
    if (!isObject(item))
      throw new ScimProblem(400, 'invalidValue', 'A member must be an object with a value.');
    const id = field(item, 'value');
    if (id === undefined || id === null) return [];
    const display = field(item, 'display') ?? field(item, 'displayname');
    return [{ value: String(id), display: typeof display === 'string' ? display : null }];
  });
}

function text(value: unknown, name: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new ScimProblem(400, 'invalidValue', `${name} must be a non-empty string.`);
  }
  return value.trim();
}

export function groupSteps(operations: PatchOperation[]): GroupStep[] {
  const steps: GroupStep[] = [];
  const onAttribute = (op: PatchOperation['op'], name: string, value: unknown, filter?: Filter) => {
    switch (name) {
      case 'members':
        if (filter) {
          if (op !== 'remove') {
            throw new ScimProblem(400, 'invalidPath', 'A value filter on members is for remove only.');
          }
          steps.push({ kind: 'remove', members: null, filter });
        } else if (op === 'remove') {
          // Entra removes named members with a value list; without one, every member goes.
          steps.push({
            kind: 'remove',
            members: value === undefined || value === null ? null : membersOf(value),
          });
        } else {
          steps.push({ kind: op, members: membersOf(value) });
        }
        return;
      case 'displayname':
        if (op === 'remove') throw new ScimProblem(400, 'mutability', 'A Group keeps its displayName.');
        steps.push({ kind: 'set', displayName: text(value, 'displayName') });
        return;
      case 'externalid':
        steps.push({
          kind: 'set',
          externalId: op === 'remove' || value === null ? null : text(value, 'externalId'),
        });
        return;
      default:
      // Attributes a Group does not have are ignored, as on POST and PUT.
    }
  };
  for (const operation of operations) {
    if (operation.path === undefined) {
      if (operation.op === 'remove') throw new ScimProblem(400, 'noTarget', 'A remove needs a path.');
      if (!isObject(operation.value)) {
        throw new ScimProblem(
          400,
          'invalidValue',
          'Without a path, the value must be an object of attributes.',
        );
      }
      for (const [key, value] of Object.entries(operation.value)) {
        onAttribute(operation.op, splitPath(key).join('.').toLowerCase(), value);
      }
    } else {
      const target = parsePatchPath(operation.path);
      if (target.sub) continue; // members[...].display and the like: nothing Plein keeps apart
      onAttribute(
        operation.op,
        splitPath(target.path).join('.').toLowerCase(),
        operation.value,
        target.filter,
      );
    }
  }
  return steps;
}
