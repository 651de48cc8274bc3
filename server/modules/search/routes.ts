import { problems } from '../../../contract/common.js';
import {
  SearchQuery,
  SearchResults,
  SimilarQuery,
  SimilarQuestions,
  Suggestions,
  SuggestQuery,
} from '../../../contract/search.js';
import { defineRoute } from '../../platform/http/route.js';
import { search, similarQuestions, suggest } from './service.js';

const tags = ['search'];

export const searchRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/search',
    auth: 'person',
    rateLimit: 'read',
    summary: 'Search threads, replies, people and communities the viewer may see',
    tags,
    schema: { querystring: SearchQuery, response: { 200: SearchResults, ...problems(400, 401) } },
    handler: ({ deps, viewer, query }) => search(deps, viewer, query),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/search/suggestions',
    auth: 'person',
    rateLimit: 'read',
    summary: 'Instant suggestions while typing in the search box',
    tags,
    schema: { querystring: SuggestQuery, response: { 200: Suggestions, ...problems(400, 401) } },
    handler: ({ deps, viewer, query }) => suggest(deps, viewer, query.q),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/questions/similar',
    auth: 'person',
    rateLimit: 'read',
    summary: 'Questions like the title being written, so an answer may already exist',
    tags,
    schema: { querystring: SimilarQuery, response: { 200: SimilarQuestions, ...problems(400, 401) } },
    handler: ({ deps, viewer, query }) => similarQuestions(deps, viewer, query.title, query.limit),
  }),
];
