import { page, problems } from '../../../contract/common.js';
import {
  ActivityItem,
  ActivityParams,
  CommunityFeedParams,
  CommunityFeedQuery,
  FeedQuery,
  HomeFeedQuery,
} from '../../../contract/feed.js';
import { TagParams, ThreadSummary } from '../../../contract/threads.js';
import { defineRoute } from '../../platform/http/route.js';
import { communityFeed, hashtagFeed, homeFeed, personActivity } from './service.js';

const tags = ['feed'];

export const feedRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/feed',
    auth: 'person',
    rateLimit: 'read',
    summary:
      'Home feed: joined and followed communities, followed people and hashtags, company-wide announcements, your own threads — newest activity first; ?origin= top_down or bottom_up',
    tags,
    schema: { querystring: HomeFeedQuery, response: { 200: page(ThreadSummary), ...problems(400, 401) } },
    handler: ({ deps, viewer, query }) => homeFeed(deps, viewer, query),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/groups/:slug/threads',
    auth: 'person',
    rateLimit: 'read',
    summary:
      "A community's threads, newest activity first; ?kind= for one kind, ?origin= top_down or bottom_up",
    tags,
    schema: {
      params: CommunityFeedParams,
      querystring: CommunityFeedQuery,
      response: { 200: page(ThreadSummary), ...problems(400, 401, 403, 404) },
    },
    handler: ({ deps, viewer, params, query }) => communityFeed(deps, viewer, params.slug, query),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/people/:handle/activity',
    auth: 'person',
    rateLimit: 'read',
    summary: "A person's threads and replies, newest first, where you may read them",
    tags,
    schema: {
      params: ActivityParams,
      querystring: FeedQuery,
      response: { 200: page(ActivityItem), ...problems(400, 401, 404) },
    },
    handler: ({ deps, viewer, params, query }) => personActivity(deps, viewer, params.handle, query),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/hashtags/:tag/threads',
    auth: 'person',
    rateLimit: 'read',
    summary: 'Threads with a hashtag that you may read, newest activity first',
    tags,
    schema: {
      params: TagParams,
      querystring: FeedQuery,
      response: { 200: page(ThreadSummary), ...problems(400, 401) },
    },
    handler: ({ deps, viewer, params, query }) => hashtagFeed(deps, viewer, params.tag, query),
  }),
];
