import { sha256Hex } from '../domain/canonical.js';

/**
 * Who reviewed which message of a language, and when: the record a language service's review
 * leaves (`assent i18n import`). The catalogues ship in the repository, so their reviews do too,
 * as one data file per locale beside them (`src/i18n/reviews/<locale>.json`, keys sorted): a
 * review travels with the text it approved, in the same commit, and a diff shows both.
 *
 * A record keeps a hash of the English source and of the translated text at the time of review.
 * The review holds while both are unchanged; when the English changes (or the translation is
 * edited outside a review) the review is *stale*: the message must be looked at again.
 */

/** One message's review. */
export interface MessageReview {
  /** The reviewer, as named on the import (`--reviewer`). */
  readonly reviewer: string;
  /** When the review was imported (ISO 8601, UTC). */
  readonly at: string;
  /** `textHash` of the English (the source) that was reviewed against. */
  readonly source: string;
  /** `textHash` of the translation that was approved. */
  readonly target: string;
}

/** A locale's reviews, by `reviewKey` (catalogue and message id). */
export type ReviewRecords = Readonly<Record<string, MessageReview>>;

export type ReviewStatus = 'reviewed' | 'stale' | 'unreviewed';

/** The key of a message's review: its catalogue (`core`, or a procedure's id) and its id. */
export function reviewKey(catalogue: string, id: string): string {
  return `${catalogue}:${id}`;
}

/**
 * The hash a review keeps of a text: the first 16 hexadecimal digits of its SHA-256 (64 bits:
 * enough to see a change, short enough to keep the file readable; it is not a signature).
 */
export function textHash(text: string): string {
  return sha256Hex(text).slice(0, 16);
}

/** Whether a message is reviewed, was reviewed before its English or its text changed, or never was. */
export function reviewStatus(review: MessageReview | undefined, english: string, text: string): ReviewStatus {
  if (review === undefined) return 'unreviewed';
  return review.source === textHash(english) && review.target === textHash(text) ? 'reviewed' : 'stale';
}

/** The records as written to the file: keys sorted, two-space indent, a final line break. */
export function formatReviews(records: ReviewRecords): string {
  const sorted = Object.fromEntries(
    Object.keys(records)
      .sort()
      .map((key) => [key, records[key]!]),
  );
  return `${JSON.stringify(sorted, null, 2)}\n`;
}

/** A record read from a file, checked field by field; null when it is not one. */
export function readReview(value: unknown): MessageReview | null {
  if (typeof value !== 'object' || value === null) return null;
  const { reviewer, at, source, target } = value as Record<string, unknown>;
  if (
    typeof reviewer !== 'string' ||
    typeof at !== 'string' ||
    typeof source !== 'string' ||
    typeof target !== 'string'
  )
    return null;
  return { reviewer, at, source, target };
}
