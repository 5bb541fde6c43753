// The OpenAPI 3.1 document, generated from the same zod schemas that validate the requests, so the
// document cannot drift from what the API accepts. OpenAPI 3.1 uses JSON Schema 2020-12, which is
// what z.toJSONSchema produces. The paths come from the route declarations (api/api-routes.ts),
// but for this document's own, written here (it cannot declare itself without an import cycle).
import { z } from 'zod';
import { apiRoutes } from './api-routes';
import { openApiPaths } from './http/route';
import { requestRegistry, responseRegistry } from './schemas';
import { problem, type Json } from './http/openapi-parts';

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
      // By id: the order the modules happen to register their schemas in is no order a reader needs,
      // and the document's bytes then depend on nothing but its content.
      schemas: Object.fromEntries(
        Object.entries({
          ...components(requestRegistry, 'input'),
          ...components(responseRegistry, 'output'),
        }).sort(([a], [b]) => a.localeCompare(b, 'en')),
      ),
    },
  };
}
