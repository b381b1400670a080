import { describe, expect, it } from 'vitest';
import { inputsFingerprint } from './inputs-fingerprint';

const fd02 = { code: 'FD02', financialYear: '2024-25', target: 90, tolerance: 5 };
const cp01 = { code: 'CP01', financialYear: '2024-25', target: { low: 30, high: 45 }, tolerance: 2 };
const base = { submissionIds: ['b', 'a'], overrides: [fd02, cp01], laCode: 353, runDate: '2025-04-30' };

describe('the fingerprint of a snapshot’s inputs', () => {
  it('does not depend on the order submissions or overrides come in', () => {
    expect(inputsFingerprint(base)).toBe(
      inputsFingerprint({ ...base, submissionIds: ['a', 'b'], overrides: [...base.overrides].reverse() }),
    );
  });

  it('changes with a new accepted submission', () => {
    expect(inputsFingerprint({ ...base, submissionIds: ['a', 'b', 'c'] })).not.toBe(inputsFingerprint(base));
  });

  it('changes when an analyst changes a target, so the next run rebuilds', () => {
    const changed = [{ ...fd02, target: 95 }, cp01];
    expect(inputsFingerprint({ ...base, overrides: changed })).not.toBe(inputsFingerprint(base));
  });

  it('changes with the run date, since overdue partner returns are judged on it', () => {
    expect(inputsFingerprint({ ...base, runDate: '2025-05-01' })).not.toBe(inputsFingerprint(base));
  });

  it('changes with the snapshot layout, so a new version of the product rebuilds the published snapshot', () => {
    expect(inputsFingerprint({ ...base, schemaVersion: 0 })).not.toBe(inputsFingerprint(base));
  });

  it('changes with the local authority', () => {
    expect(inputsFingerprint({ ...base, laCode: 354 })).not.toBe(inputsFingerprint(base));
  });
});
