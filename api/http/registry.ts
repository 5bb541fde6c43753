// The schemas listed in the OpenAPI document's components (requests read as input, responses as
// output). Every resource's schemas.ts registers its own here; api/openapi.ts reads both registries.
import { z } from 'zod';
import { installEdgeErrorMap } from '../zod-errors';

// Missing fields say "required" wherever the API's schemas validate (see api/zod-errors.ts).
installEdgeErrorMap();

export const requestRegistry = z.registry<{ id: string; description?: string }>();
export const responseRegistry = z.registry<{ id: string; description?: string }>();
