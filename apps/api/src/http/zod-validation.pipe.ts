import { BadRequestException, Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import type { ApiError } from '@oscp/contracts';
import type { z, ZodType } from 'zod';

/**
 * The one way a request is checked: a zod schema, and on failure a 400
 * `{ statusCode, message, fields: [{ field, message }] }` with one field per problem. Bodies and
 * queries differ only in the sentence and in what a problem of the whole input is called.
 */
export type RequestPart = 'body' | 'query';

const WORDING: Record<RequestPart, { message: string; whole: string }> = {
  body: { message: 'Some values are not valid.', whole: '(body)' },
  query: { message: 'The request is not valid.', whole: 'request' },
};

type FieldError = NonNullable<ApiError['fields']>[number];

/** One `{ field, message }` per problem zod found. */
export function fieldErrors(error: z.ZodError, part: RequestPart): FieldError[] {
  return error.issues.map((issue) => ({
    field: issue.path.length > 0 ? issue.path.map(String).join('.') : WORDING[part].whole,
    message: issue.message,
  }));
}

export function badRequest(fields: FieldError[], part: RequestPart): BadRequestException {
  const body: ApiError = { statusCode: 400, message: WORDING[part].message, fields };
  return new BadRequestException(body);
}

/** Parses `input` with `schema`, or throws the 400 naming each bad field. */
export function parseOrBadRequest<S extends ZodType>(
  schema: S,
  input: unknown,
  part: RequestPart = 'query',
): z.output<S> {
  const parsed = schema.safeParse(input ?? {});
  if (!parsed.success) throw badRequest(fieldErrors(parsed.error, part), part);
  return parsed.data;
}

/** `parseOrBadRequest` as a Nest pipe, for `@Body`, `@Query` and `@Param`. */
@Injectable()
export class ZodValidationPipe<T> implements PipeTransform<unknown, T> {
  constructor(private readonly schema: ZodType<T>) {}

  transform(value: unknown, metadata?: ArgumentMetadata): T {
    return parseOrBadRequest(this.schema, value, metadata?.type === 'body' ? 'body' : 'query');
  }
}
