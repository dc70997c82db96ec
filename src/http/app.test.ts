import { describe, expect, it } from 'vitest';
import { loggableUrl } from './app.js';

describe('the address a log line keeps', () => {
  it('masks the secret of a single-use link, with or without a language prefix, and keeps the rest', () => {
    expect(loggableUrl('/password-reset/abc_DEF-123')).toBe('/password-reset/[redacted]');
    expect(loggableUrl('/ar/password-reset/abc?x=1')).toBe('/ar/password-reset/[redacted]?x=1');
    expect(loggableUrl('/invitations/s3cr3t#top')).toBe('/invitations/[redacted]#top');
    expect(loggableUrl('/api/v1/consultations/tsb-79-2023')).toBe('/api/v1/consultations/tsb-79-2023');
    expect(loggableUrl('/password-reset')).toBe('/password-reset');
  });
});
