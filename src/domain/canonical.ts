import { createHash } from 'node:crypto';
import { AppError } from './errors.js';

/**
 * The deepest nesting canonicalJson encodes. Everything Assent hashes is a few levels deep (a
 * reply: version → positions → position); the bound keeps a hostile document (a receipt sent for
 * verification) from overflowing the stack, which would answer 500 instead of a problem.
 */
export const MAX_CANONICAL_DEPTH = 64;

/**
 * A canonical JSON encoding: object keys sorted, no whitespace, `undefined` members dropped.
 * Two equal values always encode to the same bytes, so their SHA-256 can be compared (reply
 * content hashes, idempotency fingerprints, receipts).
 * @throws VALIDATION_FAILED when the value is nested deeper than MAX_CANONICAL_DEPTH
 */
export function canonicalJson(value: unknown): string {
  return encode(value, 0);
}

function encode(value: unknown, depth: number): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new TypeError('cannot encode a non-finite number');
    return JSON.stringify(value) ?? 'null';
  }
  if (depth >= MAX_CANONICAL_DEPTH)
    throw new AppError('VALIDATION_FAILED', `A value is nested more than ${MAX_CANONICAL_DEPTH} levels deep`);
  if (Array.isArray(value)) return `[${value.map((item) => encode(item ?? null, depth + 1)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${encode(v, depth + 1)}`).join(',')}}`;
}

/** Hex SHA-256 of a string (UTF-8) or bytes. */
export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}
