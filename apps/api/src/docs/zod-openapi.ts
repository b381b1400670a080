import type { SchemaObject } from '@nestjs/swagger';
import { z } from 'zod';

/**
 * The OpenAPI schema of a zod schema: request bodies and queries are documented from the same
 * schema that validates them, so the document cannot drift from the check.
 */
export function openApiSchema(schema: z.ZodType, io: 'input' | 'output' = 'input'): SchemaObject {
  const json = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  delete json.$schema;
  return json as SchemaObject;
}

/** The `Page<T>` envelope of a list route. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    limit: z.number().int(),
    offset: z.number().int(),
  });
}

/** A downloaded file (CSV, workbook, PDF, Arrow stream...), for `@ApiOkResponse`. */
export function fileResponse(
  contentType: string,
  description = 'the file (Content-Disposition: attachment)',
) {
  return {
    description,
    content: { [contentType]: { schema: { type: 'string' as const, format: 'binary' } } },
  };
}
