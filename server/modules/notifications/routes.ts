import type { Route } from '../../platform/http/route.js';

export const notificationRoutes: Route[] = [];
