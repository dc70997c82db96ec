import { Format } from 'typebox/format';
import { isAcceptableText } from '../domain/text/input-text.js';
import { isIsoDay, isUtcInstant } from '../domain/time/instants.js';

/**
 * The string formats of the request schemas, each one function of the domain, so that the API
 * (Ajv, through Fastify), the CLI and the pages (TypeBox's validator) accept and refuse exactly
 * the same values:
 *
 * - `date`: a real calendar day `YYYY-MM-DD` (`isIsoDay`: no 30 February, month 13 or year 0000);
 * - `utc-instant`: a real instant in UTC ending in `Z`, seconds optional (`isUtcInstant`);
 * - `single-line-text`: a name, title or place — no line break, tab, control, bidi control or
 *   invisible format character (`domain/text/input-text.ts`);
 * - `multi-line-text`: comments, reasons, notes — line breaks and tabs allowed, no other control,
 *   no bidi embedding, override or isolate.
 */
export const SCHEMA_FORMATS: Readonly<Record<string, (value: string) => boolean>> = {
  date: isIsoDay,
  'utc-instant': isUtcInstant,
  'single-line-text': (value) => isAcceptableText(value, 'line'),
  'multi-line-text': (value) => isAcceptableText(value, 'block'),
};

/** What a refusal by each format tells the user (the problem documents and the CLI). */
export const FORMAT_DESCRIPTIONS: Readonly<Record<string, string>> = {
  date: 'a calendar day that exists, such as 2023-08-16',
  'utc-instant': 'an instant in UTC that exists, such as 2023-08-16T23:59:59.999Z',
  'single-line-text':
    'one line of text: no line break, tab, control character, bidirectional control or invisible format character',
  'multi-line-text':
    'text without control characters (line breaks and tabs allowed) or bidirectional embeddings, overrides and isolates',
};

// TypeBox keeps formats in one registry per process; validators compiled afterwards use them
// (an unknown format would pass everything). Importing a schema module registers them first.
for (const [name, check] of Object.entries(SCHEMA_FORMATS)) Format.Set(name, check);

/** Adds the formats to an Ajv instance (Fastify's `ajv.onCreate`, after ajv-formats, so `date` is ours). */
export function addSchemaFormats(ajv: { addFormat(name: string, check: (value: string) => boolean): unknown }): void {
  for (const [name, check] of Object.entries(SCHEMA_FORMATS)) ajv.addFormat(name, check);
}
