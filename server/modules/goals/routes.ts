import { Empty, PageQuery, page, problems } from '../../../contract/common.js';
import {
  CreateGoal,
  Goal,
  GoalParams,
  GoalsQuery,
  KpiQuery,
  KpiSeries,
  LinkGoal,
  MissedThread,
  UpdateGoal,
} from '../../../contract/goals.js';
import { ThreadParams } from '../../../contract/threads.js';
import { defineRoute } from '../../platform/http/route.js';
import { listMissed } from './missed.js';
import { createGoal, getGoal, goalKpiSeries, listGoals, updateGoal } from './service.js';
import { linkThread, unlinkThread } from './thread-link.js';

const tags = ['goals'];

export const goalRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/goals',
    auth: 'person',
    rateLimit: 'read',
    summary: 'Business goals, active first, each with its KPI over the last 28 days as the viewer may see it',
    tags,
    schema: { querystring: GoalsQuery, response: { 200: page(Goal), ...problems(400, 401) } },
    handler: ({ deps, viewer, query }) => listGoals(deps, viewer, query),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/goals',
    auth: 'person',
    rateLimit: 'write',
    summary: 'Set a business goal with a KPI and a scope of communities and/or hashtags (leaders and admins)',
    tags,
    status: 201,
    idempotent: true,
    schema: { body: CreateGoal, response: { 201: Goal, ...problems(400, 401, 403, 429) } },
    handler: ({ deps, viewer, body }) => createGoal(deps, viewer, body),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/goals/:id',
    auth: 'person',
    rateLimit: 'read',
    summary: 'A goal: scope, owner and its KPI over the last 28 days, met or not',
    tags,
    schema: { params: GoalParams, response: { 200: Goal, ...problems(400, 401, 404) } },
    handler: ({ deps, viewer, params }) => getGoal(deps, viewer, params.id),
  }),
  defineRoute({
    method: 'PATCH',
    url: '/api/v1/goals/:id',
    auth: 'person',
    rateLimit: 'write',
    summary: 'Change or archive a goal (its owner or an admin); the KPI itself stays',
    tags,
    schema: {
      params: GoalParams,
      body: UpdateGoal,
      response: { 200: Goal, ...problems(400, 401, 403, 404, 429) },
    },
    handler: ({ deps, viewer, params, body }) => updateGoal(deps, viewer, params.id, body),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/goals/:id/kpi',
    auth: 'person',
    rateLimit: 'read',
    summary:
      "A goal's KPI per week (actual, target, how many counted), oldest first; the last week is running",
    tags,
    schema: {
      params: GoalParams,
      querystring: KpiQuery,
      response: { 200: KpiSeries, ...problems(400, 401, 404) },
    },
    handler: ({ deps, viewer, params, query }) => goalKpiSeries(deps, viewer, params.id, query.weeks),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/goals/:id/missed',
    auth: 'person',
    rateLimit: 'read',
    summary: "The goal's questions that missed its target, newest first, among those the viewer may read",
    tags,
    schema: {
      params: GoalParams,
      querystring: PageQuery,
      response: { 200: page(MissedThread), ...problems(400, 401, 404) },
    },
    handler: ({ deps, viewer, params, query }) => listMissed(deps, viewer, params.id, query),
  }),
  defineRoute({
    method: 'PUT',
    url: '/api/v1/threads/:id/goal',
    auth: 'person',
    rateLimit: 'write',
    summary: "Link a question or idea to a goal (its author, a community owner, the goal's owner, an admin)",
    tags,
    status: 204,
    schema: {
      params: ThreadParams,
      body: LinkGoal,
      response: { 204: Empty, ...problems(400, 401, 403, 404, 409, 429) },
    },
    handler: ({ deps, viewer, params, body }) => linkThread(deps, viewer, params.id, body.goalId),
  }),
  defineRoute({
    method: 'DELETE',
    url: '/api/v1/threads/:id/goal',
    auth: 'person',
    rateLimit: 'write',
    summary: "Take a thread out of its goal (its author, a community owner, the goal's owner, an admin)",
    tags,
    status: 204,
    schema: { params: ThreadParams, response: { 204: Empty, ...problems(400, 401, 403, 404, 409, 429) } },
    handler: ({ deps, viewer, params }) => unlinkThread(deps, viewer, params.id),
  }),
];
