import type { Route } from '../../platform/http/route.js';
import type { Actor, Place, Visibility, World } from './world.js';

export type Expectation = Record<Actor, number>;

/** One request: a JSON body, or raw bytes with their own headers (an upload's multipart body). */
export type MatrixRequest = { url: string; body?: unknown; headers?: Record<string, string> };

export type MatrixRow = {
  /** The route as declared: "METHOD /url/:param". */
  route: `${Route['method']} ${string}`;
  /** Which community the request is about; 'none' for routes outside communities. */
  on: Visibility | 'none';
  /**
   * Builds one concrete request. Called afresh for every actor, so writes can make their own target
   * (a new thread to delete, say) instead of depending on what an earlier actor did.
   */
  request: (world: World, place: Place, actor: Actor) => Promise<MatrixRequest> | MatrixRequest;
  expect: Expectation;
};

/** Shorthand for the common shapes of expectation. */
export const statuses = {
  /** Anyone signed in and active gets ok. */
  anyPerson: (ok: number): Expectation => ({
    anonymous: 401,
    member: ok,
    nonMember: ok,
    owner: ok,
    leader: ok,
    admin: ok,
    deactivated: 401,
  }),
  /** Only members and owners get ok; others get denied (404 hides secret things). */
  membersOnly: (ok: number, denied: number): Expectation => ({
    anonymous: 401,
    member: ok,
    nonMember: denied,
    owner: ok,
    leader: denied,
    admin: denied,
    deactivated: 401,
  }),
  ownersOnly: (ok: number, memberStatus: number, denied: number): Expectation => ({
    anonymous: 401,
    member: memberStatus,
    nonMember: denied,
    owner: ok,
    leader: denied,
    admin: denied,
    deactivated: 401,
  }),
  adminOnly: (ok: number): Expectation => ({
    anonymous: 401,
    member: 403,
    nonMember: 403,
    owner: 403,
    leader: 403,
    admin: ok,
    deactivated: 401,
  }),
  everyone: (ok: number): Expectation => ({
    anonymous: ok,
    member: ok,
    nonMember: ok,
    owner: ok,
    leader: ok,
    admin: ok,
    deactivated: 401,
  }),
};
