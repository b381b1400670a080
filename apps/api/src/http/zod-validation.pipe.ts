import { BadRequestException, Injectable, type PipeTransform } from '@nestjs/common';
import type { ZodType } from 'zod';

/**
 * Validates a body, query or parameter against a zod schema and hands on the parsed value; a
 * failure answers 400 with one `{ field, message }` per problem.
 */
@Injectable()
export class ZodValidationPipe<T> implements PipeTransform<unknown, T> {
  constructor(private readonly schema: ZodType<T>) {}

  transform(value: unknown): T {
    const parsed = this.schema.safeParse(value);
    if (parsed.success) return parsed.data;
    const fields = parsed.error.issues.map((issue) => ({
      field: issue.path.length > 0 ? issue.path.map(String).join('.') : '(body)',
      message: issue.message,
    }));
    throw new BadRequestException({ statusCode: 400, message: 'Some values are not valid.', fields });
  }
}
