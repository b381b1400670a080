import { Body, Param, Query } from '@nestjs/common';
import { ApiBody, ApiParam, ApiQuery } from '@nestjs/swagger';
import type { z } from 'zod';
import { openApiSchema } from '../docs/zod-openapi';
import { ZodValidationPipe } from './zod-validation.pipe';

/**
 * A request part checked and documented from one zod schema: the parameter decorator runs the
 * schema through `ZodValidationPipe` (the API's one zod-to-400 path) and adds the same schema to
 * the handler's OpenAPI operation, so the document cannot drift from the check.
 */
type ParameterDecoratorOnMethod = (
  target: object,
  method: string | symbol | undefined,
  index: number,
) => void;

function handlerDescriptor(target: object, method: string | symbol | undefined): PropertyDescriptor {
  const descriptor = method === undefined ? undefined : Object.getOwnPropertyDescriptor(target, method);
  if (!descriptor) throw new Error('Zod request decorators belong on a controller method parameter.');
  return descriptor;
}

/** One OpenAPI parameter per field of an object schema, with its own schema and description. */
function fields(schema: z.ZodObject): { name: string; required: boolean; schema: Record<string, unknown> }[] {
  return Object.entries(schema.shape).map(([name, field]) => ({
    name,
    // A field that accepts "absent" is optional in the URL.
    required: !(field as z.ZodType).safeParse(undefined).success,
    schema: openApiSchema(field as z.ZodType) as Record<string, unknown>,
  }));
}

function describedBy(schema: Record<string, unknown>): string | undefined {
  return typeof schema.description === 'string' ? schema.description : undefined;
}

/** `@Body()` checked by `schema` (a 400 naming each bad field), documented as the request body. */
export function ZodBody(schema: z.ZodType): ParameterDecoratorOnMethod {
  return (target, method, index) => {
    Body(new ZodValidationPipe(schema))(target, method, index);
    const descriptor = handlerDescriptor(target, method);
    ApiBody({ schema: openApiSchema(schema) })(target, method as string, descriptor);
  };
}

/** `@Query()` checked by an object schema, each field documented as a query parameter. */
export function ZodQuery(schema: z.ZodObject): ParameterDecoratorOnMethod {
  return (target, method, index) => {
    Query(new ZodValidationPipe(schema))(target, method, index);
    const descriptor = handlerDescriptor(target, method);
    for (const field of fields(schema)) {
      ApiQuery({ ...field, description: describedBy(field.schema) })(target, method as string, descriptor);
    }
  };
}

/** `@Param()` checked by an object schema, each field documented as a path parameter. */
export function ZodParams(schema: z.ZodObject): ParameterDecoratorOnMethod {
  return (target, method, index) => {
    Param(new ZodValidationPipe(schema))(target, method, index);
    const descriptor = handlerDescriptor(target, method);
    for (const field of fields(schema)) {
      ApiParam({ ...field, required: true, description: describedBy(field.schema) })(
        target,
        method as string,
        descriptor,
      );
    }
  };
}

/** `@Param(name)` checked by `schema`, documented as that path parameter. */
export function ZodParam(name: string, schema: z.ZodType): ParameterDecoratorOnMethod {
  return (target, method, index) => {
    Param(name, new ZodValidationPipe(schema))(target, method, index);
    const documented = openApiSchema(schema) as Record<string, unknown>;
    ApiParam({ name, required: true, schema: documented, description: describedBy(documented) })(
      target,
      method as string,
      handlerDescriptor(target, method),
    );
  };
}
