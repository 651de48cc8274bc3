import { ScimProblem } from './problem.js';
import { URN } from './schema.js';

/** A parsed SCIM filter (RFC 7644 §3.4.2.2). Attribute paths stay as written; readers resolve them. */
export type Filter =
  | { kind: 'and' | 'or'; left: Filter; right: Filter }
  | { kind: 'not'; filter: Filter }
  | { kind: 'compare'; path: string; op: CompareOp; value: FilterValue }
  | { kind: 'present'; path: string }
  | { kind: 'valuePath'; path: string; filter: Filter };

export type CompareOp = 'eq' | 'ne' | 'co' | 'sw' | 'ew' | 'gt' | 'ge' | 'lt' | 'le';
export type FilterValue = string | number | boolean | null;

const COMPARE_OPS = new Set<string>(['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le']);

type Token = { type: '(' | ')' | '[' | ']' } | { type: 'word' | 'string'; value: string };

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const char = text[i]!;
    if (/\s/.test(char)) {
      i++;
    } else if (char === '(' || char === ')' || char === '[' || char === ']') {
      tokens.push({ type: char });
      i++;
    } else if (char === '"') {
      let end = i + 1;
      while (end < text.length && text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      if (end >= text.length) throw invalidFilter('a quoted value is not closed');
      try {
        tokens.push({ type: 'string', value: JSON.parse(text.slice(i, end + 1)) as string });
      } catch {
        throw invalidFilter('a quoted value has a bad escape');
      }
      i = end + 1;
    } else {
      const word = /^[^\s()[\]"]+/.exec(text.slice(i))![0];
      tokens.push({ type: 'word', value: word });
      i += word.length;
    }
  }
  return tokens;
}

const invalidFilter = (why: string) =>
  new ScimProblem(400, 'invalidFilter', `The filter is not valid: ${why}.`);

class Parser {
  private at = 0;
  constructor(private readonly tokens: Token[]) {}

  done = () => this.at >= this.tokens.length;
  peek = () => this.tokens[this.at];
  next = () => this.tokens[this.at++];

  private keyword(word: string): boolean {
    const token = this.peek();
    if (token?.type === 'word' && token.value.toLowerCase() === word) {
      this.at++;
      return true;
    }
    return false;
  }

  private expect(type: Token['type']): void {
    if (this.next()?.type !== type) throw invalidFilter(`expected "${type}"`);
  }

  or(): Filter {
    let left = this.and();
    while (this.keyword('or')) left = { kind: 'or', left, right: this.and() };
    return left;
  }

  private and(): Filter {
    let left = this.unary();
    while (this.keyword('and')) left = { kind: 'and', left, right: this.unary() };
    return left;
  }

  private unary(): Filter {
    const token = this.peek();
    if (
      token?.type === 'word' &&
      token.value.toLowerCase() === 'not' &&
      this.tokens[this.at + 1]?.type === '('
    ) {
      this.at++;
      return { kind: 'not', filter: this.unary() };
    }
    if (token?.type === '(') {
      this.at++;
      const inner = this.or();
      this.expect(')');
      return inner;
    }
    const path = this.attributePath();
    if (this.peek()?.type === '[') {
      this.at++;
      const filter = this.or();
      this.expect(']');
      return { kind: 'valuePath', path, filter };
    }
    const op = this.next();
    if (op?.type !== 'word') throw invalidFilter(`an operator must follow "${path}"`);
    const lower = op.value.toLowerCase();
    if (lower === 'pr') return { kind: 'present', path };
    if (!COMPARE_OPS.has(lower)) throw invalidFilter(`"${op.value}" is not an operator`);
    return { kind: 'compare', path, op: lower as CompareOp, value: this.value() };
  }

  attributePath(): string {
    const token = this.next();
    if (token?.type !== 'word') throw invalidFilter('an attribute name is missing');
    return token.value;
  }

  private value(): FilterValue {
    const token = this.next();
    if (token?.type === 'string') return token.value;
    if (token?.type !== 'word') throw invalidFilter('a value is missing');
    // Unquoted values are not in the RFC, but clients send them (`name.familyName eq Employee`).
    const lower = token.value.toLowerCase();
    if (lower === 'true' || lower === 'false') return lower === 'true';
    if (lower === 'null') return null;
    if (/^-?\d+(\.\d+)?$/.test(token.value)) return Number(token.value);
    return token.value;
  }
}

export function parseFilter(text: string): Filter {
  const parser = new Parser(tokenize(text));
  if (parser.done()) throw invalidFilter('it is empty');
  const filter = parser.or();
  if (!parser.done()) throw invalidFilter('it has something left over at the end');
  return filter;
}

/** A PATCH path: `attr`, `attr.sub`, `attr[filter]`, `attr[filter].sub`, each optionally behind a schema URN. */
export type PatchPath = { path: string; filter?: Filter; sub?: string };

export function parsePatchPath(text: string): PatchPath {
  const tokens = tokenize(text);
  const parser = new Parser(tokens);
  const path = parser.attributePath();
  if (parser.done()) return { path };
  if (parser.next()?.type !== '[') throw invalidPath(text);
  const filter = parser.or();
  if (parser.next()?.type !== ']') throw invalidPath(text);
  if (parser.done()) return { path, filter };
  const sub = parser.next();
  if (sub?.type !== 'word' || !/^\.[^.]+$/.test(sub.value) || !parser.done()) throw invalidPath(text);
  return { path, filter, sub: sub.value.slice(1) };
}

const invalidPath = (text: string) => new ScimProblem(400, 'invalidPath', `The path "${text}" is not valid.`);

const KNOWN_URNS = [URN.enterprise, URN.user, URN.group];

/**
 * An attribute path as names from the top: "name.familyName" → [name, familyName]; a path behind the enterprise
 * URN starts with the URN itself ("urn:…:enterprise:2.0:User:manager.value" → [urn, manager, value]); behind a
 * core URN it is the core path. The URN is matched without regard to case; the dots in "2.0" stay inside it.
 */
export function splitPath(path: string): string[] {
  const lower = path.toLowerCase();
  for (const urn of KNOWN_URNS) {
    const urnLower = urn.toLowerCase();
    if (lower === urnLower) return urn === URN.enterprise ? [URN.enterprise] : [];
    if (lower.startsWith(`${urnLower}:`)) {
      const rest = path.slice(urn.length + 1).split('.');
      return urn === URN.enterprise ? [URN.enterprise, ...rest] : rest;
    }
  }
  return path.split('.');
}
