// The OpenAPI 3.1 document, generated from the same zod schemas that validate the requests, so the
// document cannot drift from what the API accepts. OpenAPI 3.1 uses JSON Schema 2020-12, which is
// what z.toJSONSchema produces. The paths come from the route declarations (api/api-routes.ts);
// the public form (/complain) and this document itself are still written here by hand, beside
// their routers (api/routes/complain.ts, api/app.ts).
import { z } from 'zod';
import { apiRoutes } from './api-routes';
import { openApiPaths } from './http/route';
import { requestRegistry, responseRegistry } from './schemas';
import { html, problem, ref, type Json } from './http/openapi-parts';

function components(registry: typeof requestRegistry, io: 'input' | 'output'): Record<string, Json> {
  const { schemas } = z.toJSONSchema(registry, {
    uri: (id) => `#/components/schemas/${id}`,
    io,
    unrepresentable: 'any',
  }) as {
    schemas: Record<string, Json>;
  };
  const out: Record<string, Json> = {};
  for (const [id, schema] of Object.entries(schemas)) {
    const { $schema: _schema, $id: _id, ...rest } = schema;
    const description = registry.get(registry._idmap.get(id)!)?.description;
    out[id] = description ? { description, ...rest } : rest;
  }
  return out;
}

export function openApiDocument(): Json {
  const paths: Json = {
    '/openapi.json': {
      get: {
        summary: 'This document.',
        security: [],
        responses: { '200': { description: 'OpenAPI 3.1 document.' } },
      },
    },
  };
  Object.assign(paths, publicFormPaths());
  for (const [path, item] of Object.entries(openApiPaths(apiRoutes))) {
    if (paths[path]) throw new Error(`${path} is both declared and written by hand.`);
    paths[path] = item;
  }
  // Whatever else goes wrong is a 500 with no internals (logged on the server).
  for (const item of Object.values(paths) as Record<string, { responses: Record<string, unknown> }>[])
    for (const op of Object.values(item))
      op.responses['500'] ??= problem('An unexpected error on our side; it is logged, nothing is shown.');
  return {
    openapi: '3.1.0',
    info: {
      title: 'complaint-desk',
      version: '1.0.0',
      description:
        'Every customer complaint is a durable Temporal workflow. Staff act on cases with API keys (roles agent, supervisor, operator); customers use signed links; Postmark posts inbound mail and bounces. Errors are RFC 9457 problem details.',
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    security: [{ apiKey: [] }],
    paths,
    components: {
      securitySchemes: {
        apiKey: { type: 'http', scheme: 'bearer', description: 'A staff API key.' },
        codecToken: {
          type: 'apiKey',
          in: 'header',
          name: 'X-Codec-Token-In-Path',
          description:
            'Not a header: the codec endpoint also takes a signed token in its path (/codec/t/{token}/…), minted by POST /codec/tokens for the Web UI. OpenAPI cannot describe a path credential; this entry documents it.',
        },
        postmarkBasic: {
          type: 'http',
          scheme: 'basic',
          description: 'POSTMARK_WEBHOOK_USER / POSTMARK_WEBHOOK_PASSWORD.',
        },
        telegramSecret: {
          type: 'apiKey',
          in: 'header',
          name: 'X-Telegram-Bot-Api-Secret-Token',
          description: 'TELEGRAM_WEBHOOK_SECRET, given to setWebhook as secret_token.',
        },
      },
      schemas: { ...components(requestRegistry, 'input'), ...components(responseRegistry, 'output') },
    },
  };
}

/** The public complaint form (api/routes/complain.ts): HTML for people, no key. */
function publicFormPaths(): Record<string, Json> {
  const lang = {
    name: 'lang',
    in: 'query',
    required: false,
    schema: { type: 'string', enum: ['en', 'pl', 'sv', 'et', 'he'] },
    description: 'The page’s language; absent: the browser’s Accept-Language, else English.',
  };
  const again = (description: string) =>
    html(`${description} The form comes back with the customer’s words.`);
  return {
    '/complain': {
      get: {
        summary: 'The public complaint form',
        description:
          'Name, e-mail or phone, order reference, what happened and optional attachments, in five languages (Hebrew right to left). No script. Carries a signed form token: a double submit is one complaint.',
        security: [],
        parameters: [lang],
        responses: { '200': html('The form.'), '429': html('Too many requests from this address.') },
      },
      post: {
        summary: 'Send a complaint from the public form (channel "web")',
        description:
          'Starts a complaint (the acknowledgement follows by e-mail) and answers with the reference and the status link. Protected by a rate limit per address, a honeypot field, a minimum fill time and size limits; whatever is wrong comes back as the form with the reason, and starts nothing.',
        security: [],
        requestBody: {
          required: true,
          content: {
            'multipart/form-data': { schema: ref('PublicComplaintForm') },
            'application/x-www-form-urlencoded': { schema: ref('PublicComplaintForm') },
          },
        },
        responses: {
          '201': html('Received: the reference and the status link.'),
          '200': html('The same form sent again: the complaint it started before.'),
          '400': again('Invalid fields, an expired form, a form sent too fast, or the honeypot filled.'),
          '413': again('A file too large, too many files, or a type not taken.'),
          '415': again('Not a form.'),
          '429': again('Too many forms from this address (Retry-After).'),
          '503': again('Temporal is not reachable right now (Retry-After).'),
        },
      },
    },
  };
}
