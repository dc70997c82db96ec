import Type from 'typebox';
import { PARTICIPANT_CODE_MAX_LENGTH, PARTICIPANT_CODE_PATTERN } from '../domain/procedure/participants.js';
import { MAX_CLAUSE_LENGTH, MAX_COMMENT_ROWS } from '../domain/reply/comment-table.js';
// The formats the schemas below name, registered before any validator is compiled.
import './formats.js';

/** A UTC calendar day, `YYYY-MM-DD`. */
export const IsoDay = Type.String({
  pattern: '^\\d{4}-\\d{2}-\\d{2}$',
  format: 'date',
  description: 'A calendar day, YYYY-MM-DD (UTC), that exists',
  examples: ['2023-08-16'],
});

/** The form of an instant in UTC: `YYYY-MM-DDTHH:MM[:SS[.mmm]]Z` (format `utc-instant` checks that it exists). */
export const ISO_INSTANT_PATTERN = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,3})?)?Z$';

/** An instant in UTC, ISO 8601 with a `Z`: local times are refused so that no zone is guessed. */
export const IsoInstant = Type.String({
  pattern: ISO_INSTANT_PATTERN,
  format: 'utc-instant',
  description: 'An instant in UTC, ISO 8601 ending in Z, that exists',
  examples: ['2023-08-16T23:59:59.999Z'],
});

/** An id made of lower-case letters, digits and hyphens. */
export const Slug = Type.String({
  pattern: '^[a-z0-9][a-z0-9-]{0,63}$',
  description: 'Lower-case letters, digits and hyphens',
});

/**
 * A participant's code: a Member State's (ISO 3166-1 alpha-2, upper case) or an organisation's
 * (3 to 24 capitals and digits, in hyphen-separated words; domain/procedure/participants.ts).
 */
export const StateCode = Type.String({
  pattern: PARTICIPANT_CODE_PATTERN,
  minLength: 2,
  maxLength: PARTICIPANT_CODE_MAX_LENGTH,
  description:
    "A participant's code: a Member State's ISO 3166-1 alpha-2 code, or an organisation's code (capitals and digits, words joined by hyphens)",
  examples: ['KR'],
});

/** Hex SHA-256 of an uploaded attachment. */
export const Sha256 = Type.String({
  pattern: '^[0-9a-f]{64}$',
  description: 'SHA-256 of an uploaded attachment (hex)',
});

/** No NUL character: PostgreSQL cannot store it in text, and no form needs it. */
export const NO_NUL = '^[^\\u0000]*$';

/**
 * A non-empty single-line text (a name, a title, a place): no line break, tab, control character,
 * bidirectional control or invisible format character (format `single-line-text`, which also
 * refuses NUL).
 */
export const Line = (maxLength = 500) => Type.String({ minLength: 1, maxLength, format: 'single-line-text' });

/**
 * A web address a page may link: http or https only (no `javascript:`, `data:` or other scheme a
 * link would run), no space or character that would break out of an attribute.
 */
export const WebAddress = Type.String({
  maxLength: 2000,
  pattern: '^https?://[^\\s<>"\u0000-\u001f\u007f]+$',
  description: 'An http or https address',
});

/** Free text, over several lines: no control character but line breaks and tabs, no bidi embedding, override or isolate. */
export const FreeText = (maxLength = 20_000) => Type.String({ maxLength, format: 'multi-line-text' });

/** Any other short string (ids in paths, filters): one line. */
export const Text = (maxLength: number) => Type.String({ maxLength, format: 'single-line-text' });

/** One row of a position's comments table (domain/reply/comment-table.ts). */
export const CommentRowSchema = Type.Object(
  {
    clause: Type.Optional(
      Type.Union([Text(MAX_CLAUSE_LENGTH), Type.Null()], {
        description: 'The clause, figure or table the comment is about ("6.2.1", "General")',
      }),
    ),
    comment: FreeText(),
    proposedChange: Type.Optional(
      Type.Union([FreeText(), Type.Null()], { description: 'The change proposed, if any' }),
    ),
  },
  { additionalProperties: false, title: 'CommentRow' },
);

/** A position's comments as rows: clause, comment, proposed change. */
export const CommentTableSchema = Type.Array(CommentRowSchema, {
  maxItems: MAX_COMMENT_ROWS,
  description:
    'Comments as a table, one row per comment, where the procedure offers it beside free text and a file. A row needs its comment; rows left blank are ignored.',
});
