// Every declared route, by resource: what the OpenAPI document lists (api/openapi.ts). api/app.ts
// mounts each resource's list where it belongs among the middleware (its authentication, its limits).
import type { Route } from './http/route';
import { insightsRoutes } from './insights/routes';
import { opsRoutes } from './ops/routes';

export const apiRoutes: readonly Route[] = [...opsRoutes, ...insightsRoutes];
