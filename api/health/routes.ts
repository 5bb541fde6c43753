// 200 only when Temporal answers: a load balancer should not send complaints to an API that
// cannot start workflows. The public answer says no more than that (an error's text can name
// hosts, ports and versions); operators read the details.
import { currentCalendarWarnings } from '../../infra/calendar-watch';
import type { AppContext } from '../context';
import { jsonResponse, problem } from '../http/openapi-parts';
import { route, type Route } from '../http/route';
import { healthDetailsSchema, healthSchema, type Health, type HealthDetails } from './schemas';

/** Whether Temporal answered the last probe, per app: a failure is logged when it starts, not at every probe. */
const healthyBefore = new WeakMap<AppContext, boolean>();

async function checkTemporal(ctx: AppContext): Promise<{ ok: boolean; latencyMs: number; error?: string }> {
  const started = Date.now();
  try {
    await ctx.client.withDeadline(Date.now() + 5000, () =>
      ctx.client.connection.workflowService.describeNamespace({ namespace: ctx.namespace }),
    );
    healthyBefore.set(ctx, true);
    return { ok: true, latencyMs: Date.now() - started };
  } catch (err) {
    // Logged when it starts failing, not at every probe of a load balancer.
    if (healthyBefore.get(ctx) ?? true) ctx.log('health check: Temporal did not answer', err);
    healthyBefore.set(ctx, false);
    return {
      ok: false,
      latencyMs: Date.now() - started,
      error: err instanceof Error ? err.message : String(err),
    };
  }
}

function calendarHealth(ctx: AppContext): Pick<HealthDetails, 'calendar'> {
  let policy;
  try {
    policy = ctx.snapshot().policy;
  } catch {
    return {}; // no policy to tell about (an API built without one)
  }
  const clock = policy.clock;
  return {
    calendar: {
      clock: clock.kind,
      ...(clock.kind === 'business' && clock.calendar
        ? {
            country: clock.calendar.country,
            source: clock.calendar.source,
            through: clock.calendar.through,
          }
        : {}),
      warnings: currentCalendarWarnings(policy),
    },
  };
}

export const healthRoutes: Route[] = [
  route({
    method: 'get',
    path: '/healthz',
    roles: 'public',
    tags: ['health'],
    summary: 'Health: 200 when Temporal answers.',
    responses: {
      '200': jsonResponse('Healthy.', healthSchema),
      '503': jsonResponse('Temporal unreachable (a generic reason; details for operators).', healthSchema),
    },
    async handler({ ctx, res }) {
      const check = await checkTemporal(ctx);
      res.setHeader('Cache-Control', 'no-store');
      const body: Health = check.ok
        ? { status: 'ok', temporal: 'reachable' }
        : { status: 'unavailable', temporal: 'unreachable', reason: 'Temporal is not reachable.' };
      res.status(check.ok ? 200 : 503).json(body);
    },
  }),

  route({
    method: 'get',
    path: '/healthz/details',
    roles: ['operator'],
    what: 'Health details',
    // Not under a prefix app.ts checks keys on: the staff key is checked by the route itself.
    before: 'staff',
    tags: ['health'],
    summary: 'Health with the error Temporal’s client gave: operator keys only.',
    responses: {
      '200': jsonResponse('Healthy.', healthDetailsSchema),
      '401': problem('No or bad API key.'),
      '403': problem('Not an operator key.'),
      '429': problem('Too many requests with this key, or too many failed authentication attempts.'),
      '503': jsonResponse('Temporal unreachable, with the reason.', healthDetailsSchema),
    },
    async handler({ ctx, res }) {
      const [check, store] = await Promise.all([checkTemporal(ctx), ctx.storeHealth?.check()]);
      res.setHeader('Cache-Control', 'no-store');
      const body: HealthDetails = {
        status: check.ok ? 'ok' : 'unavailable',
        temporal: check.ok ? 'reachable' : 'unreachable',
        namespace: ctx.namespace,
        latencyMs: check.latencyMs,
        checkedAt: new Date().toISOString(),
        ...(check.error ? { reason: check.error.slice(0, 2000) } : {}),
        ...(store
          ? {
              store: {
                status: store.up ? ('reachable' as const) : ('unreachable' as const),
                since: store.since,
                ...(store.error ? { reason: store.error.slice(0, 2000) } : {}),
              },
            }
          : {}),
        ...calendarHealth(ctx),
      };
      res.status(check.ok ? 200 : 503).json(body);
    },
  }),
];
