// Every declared route, by resource: what the OpenAPI document lists (api/openapi.ts). api/app.ts
// mounts each resource's list where it belongs among the middleware (its authentication, its limits).
import type { Route } from './http/route';
import { attachmentRoutes } from './attachments/routes';
import { replyAddressRoutes } from './reply-address/routes';
import { codecRoutes } from './codec/routes';
import { healthRoutes } from './health/routes';
import { telegramRoutes } from './telegram/routes';
import { webhookRoutes } from './webhooks/routes';
import { customerRoutes } from './customer/routes';
import { publicFormRoutes } from './public-form/routes';
import { complaintRoutes } from './complaints/routes';
import { letterRoutes } from './letters/routes';
import { erasureRoutes } from './erasure/routes';
import { insightsRoutes } from './insights/routes';
import { opsRoutes } from './ops/routes';

export const apiRoutes: readonly Route[] = [
  ...healthRoutes,
  ...opsRoutes,
  ...insightsRoutes,
  ...erasureRoutes,
  ...replyAddressRoutes,
  ...attachmentRoutes,
  ...letterRoutes,
  ...complaintRoutes,
  ...codecRoutes,
  ...telegramRoutes,
  ...webhookRoutes,
  ...customerRoutes,
  ...publicFormRoutes,
];
