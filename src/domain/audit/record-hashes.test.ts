import { describe, expect, it } from 'vitest';
import { countedVersionOf, documentSubject } from './record-hashes.js';

describe('countedVersionOf (the latest reply received by the deadline counts)', () => {
  const on = (version: number, status: 'submitted' | 'withdrawn' = 'submitted') => ({ version, status, flags: [] });
  const late = (version: number, status: 'submitted' | 'withdrawn' = 'submitted') => ({
    version,
    status,
    flags: ['received_after_deadline' as const],
  });

  it('is the latest on-time version', () => {
    expect(countedVersionOf([on(1), on(2), on(3)])).toBe(3);
  });

  it('is none when the latest on-time version is a withdrawal', () => {
    expect(countedVersionOf([on(1), on(2, 'withdrawn')])).toBeNull();
  });

  it('ignores a late version, whatever it is', () => {
    expect(countedVersionOf([on(1), late(2)])).toBe(1);
    expect(countedVersionOf([on(1), late(2, 'withdrawn')])).toBe(1);
    expect(countedVersionOf([late(1)])).toBeNull();
  });

  it('does not depend on the order it is given the versions in', () => {
    expect(countedVersionOf([on(3), on(1), on(2, 'withdrawn')])).toBe(3);
  });
});

describe('documentSubject', () => {
  it('names a document of the whole consultation and one of a reply version', () => {
    const key = { consultationId: 'tsb-79', kind: 'circular', subject: '', format: 'pdf', locale: 'fr' };
    expect(documentSubject(key)).toBe('document:tsb-79/circular/pdf/fr');
    expect(documentSubject({ ...key, kind: 'receipt', subject: 'KR/2' })).toBe('document:tsb-79/receipt/KR/2/pdf/fr');
  });
});
