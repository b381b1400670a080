import { BadRequestException } from '@nestjs/common';
import { describe, expect, it } from 'vitest';
import { parseOrBadRequest } from '../http/zod-validation.pipe';
import { indicatorCodeOrAsWritten, indicatorRecordsQuery, scorecardQuery } from './scorecard-query';

function badRequestBody(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    if (error instanceof BadRequestException) return error.getResponse();
    throw error;
  }
  throw new Error('expected a 400');
}

describe('scorecard query', () => {
  it('accepts a period as written (decoded from 2024-25%20Q3) and as the slug 2024-25-Q3', () => {
    expect(parseOrBadRequest(scorecardQuery, { period: decodeURIComponent('2024-25%20Q3') }).period).toBe(
      '2024-25 Q3',
    );
    expect(parseOrBadRequest(scorecardQuery, { period: '2024-25-Q3' }).period).toBe('2024-25 Q3');
  });

  it('defaults to the internal view and reads published=true', () => {
    expect(parseOrBadRequest(scorecardQuery, {}).published).toBe(false);
    expect(parseOrBadRequest(scorecardQuery, { published: 'true' }).published).toBe(true);
  });

  it('answers 400 naming the period field for a period that cannot exist', () => {
    expect(badRequestBody(() => parseOrBadRequest(scorecardQuery, { period: '2024-26 Q3' }))).toEqual({
      statusCode: 400,
      message: 'The request is not valid.',
      fields: [{ field: 'period', message: expect.stringContaining('"2024-26 Q3" is not a valid period') }],
    });
  });

  it('refuses a snapshot id that is not a UUID before it reaches a query', () => {
    const body = badRequestBody(() =>
      parseOrBadRequest(scorecardQuery, { snapshot: "x'; drop table t; --" }),
    );
    expect(body).toMatchObject({ fields: [{ field: 'snapshot' }] });
  });

  it('needs the part of a figure for its records and bounds the page size', () => {
    expect(badRequestBody(() => parseOrBadRequest(indicatorRecordsQuery, {}))).toMatchObject({
      fields: [{ field: 'part' }],
    });
    expect(
      badRequestBody(() => parseOrBadRequest(indicatorRecordsQuery, { part: 'numerator', limit: '5000' })),
    ).toMatchObject({
      fields: [{ field: 'limit', message: 'must be a whole number from 1 to 1000' }],
    });
    expect(parseOrBadRequest(indicatorRecordsQuery, { part: 'numerator' })).toMatchObject({
      limit: 100,
      offset: 0,
    });
  });

  it('upper-cases a well-written indicator code in a path and keeps any other text for the 404', () => {
    expect(indicatorCodeOrAsWritten.parse(' fd02')).toBe('FD02');
    expect(indicatorCodeOrAsWritten.parse('not-a-code')).toBe('not-a-code');
  });
});
