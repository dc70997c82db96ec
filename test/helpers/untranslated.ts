import { CATALOGUE_FILES } from '../../src/i18n/catalogues.js';
import type { Locale } from '../../src/i18n/i18n.js';
import { TEXT_KINDS } from '../../src/domain/consultation/consultation.js';
import { CONSULTATION_STATES } from '../../src/domain/consultation/consultation-state.js';
import { MEETING_OUTCOMES } from '../../src/domain/procedure/outcomes.js';
import { CHANNELS } from '../../src/domain/reply/reply.js';
import { decode } from '../web/web-harness.js';
import { consultationInput, replyInput } from './world.js';

/**
 * What an official must never read in a page, an e-mail or a document of their language (issue 20):
 * an ISO day or timestamp, a raw code (a channel, a State, a position, an outcome, a message id, a
 * placeholder left unformatted, `undefined`…), and outside English a deadline written "2359
 * hours", a citation in English or a fragment of an English message. Content entered by the
 * secretariat or a State is the author's, in whatever language they wrote it: the caller names it
 * and it is taken out before looking.
 */

/**
 * The text a reader sees in a page or a print view: scripts and styles dropped, tags (with their
 * `datetime`, `data-*`, `href` attributes) stripped, entities decoded, white space collapsed
 * (no-break spaces kept: they are part of the words).
 */
export function visibleText(html: string): string {
  return decode(
    html
      .replace(/<script[\s\S]*?<\/script>/g, '')
      .replace(/<style[\s\S]*?<\/style>/g, '')
      .replace(/<[^>]+>/g, ' '),
  ).replace(/[ \t\n\r]+/g, ' ');
}

/** The literal runs of an ICU message outside its `{…}` arguments (plural branches and all). */
function literalRuns(message: string): string[] {
  const runs: string[] = [];
  let depth = 0;
  let run = '';
  for (const char of message) {
    if (char === '{') {
      if (depth === 0) runs.push(run);
      run = '';
      depth += 1;
    } else if (char === '}') depth -= 1;
    else if (depth === 0) run += char;
  }
  runs.push(run);
  return runs;
}

/**
 * Every run of three words or more of the English catalogue, as it would read in a page: a
 * non-English render that contains one verbatim shows an English fragment (an untranslated
 * message, a word list glued in code, a fallback) without a hand-kept list.
 */
export const ENGLISH_FRAGMENTS: readonly string[] = (() => {
  const fragments = new Set<string>();
  for (const area of Object.values(CATALOGUE_FILES.en))
    for (const message of Object.values(area as Record<string, string>))
      for (const run of literalRuns(message)) {
        const words = run
          .replace(/<[^>]+>/g, ' ')
          .replace(/\s+/g, ' ')
          .trim()
          .replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
        if ((words.match(/\p{L}+/gu) ?? []).length >= 3) fragments.add(words);
      }
  return [...fragments];
})();

/** Codes that read as English words: outside English they are a value shown raw. */
const WORD_CODES = [...new Set<string>([...CHANNELS, ...CONSULTATION_STATES, ...MEETING_OUTCOMES, ...TEXT_KINDS])];
/** The same words where the language has borrowed them (ITU's French and Spanish write "fax", "web", "corrigendum"). */
const LOANWORDS: Partial<Record<Locale, readonly string[]>> = {
  fr: ['corrigendum', 'fax', 'web'],
  es: ['corrigendum', 'fax', 'web'],
};
const wordCode = (locale: Locale) => {
  const codes = WORD_CODES.filter((code) => !LOANWORDS[locale]?.includes(code));
  return new RegExp(`\\b(${codes.join('|')})\\b`, 'g');
};

/** The catalogue areas: a message id starts with one of them. */
const MESSAGE_ID = new RegExp(`\\b(?:${Object.keys(CATALOGUE_FILES.en).join('|')}|doc)\\.[a-zA-Z]+\\.[\\w.]+`, 'g');

const ALWAYS: readonly RegExp[] = [
  /\b\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?\b/g, // an ISO day or timestamp
  /(?<![(（])\b[A-Z]{2}\b(?![)）])/g, // a bare State code where a name should be (beside its name, "Iceland (IS)", it is not bare)
  /\b[a-z]+(?:_[a-z]+)+\b/g, // a snake_case code: assigns_authority, pending_more_time
  MESSAGE_ID,
  /\{[\w, #]+\}/g, // a placeholder left unformatted
  /\b(?:undefined|null|NaN)\b/g,
];
const OUTSIDE_ENGLISH: readonly RegExp[] = [
  /\b2359\b|\bhours\b/g,
  /WTSA Resolution|Rev\. Geneva|§9\./g, // citations in English ("§ 9.4.5" is the French and Spanish style)
];

/**
 * The messages of `locale` that show what to type in a field: their example is in the syntax to
 * type (an ISO day "2023-08-01", "HH:MM", codes "KR FR"), on purpose. Of a message with
 * arguments, the literal runs that hold the example.
 */
function inputSyntaxMessages(locale: Locale): string[] {
  const example = /\d{4}-\d{2}-\d{2}|HH:?MM|\bKR FR\b/;
  const english = Object.assign({}, ...Object.values(CATALOGUE_FILES.en)) as Record<string, string>;
  const own = Object.assign({}, ...Object.values(CATALOGUE_FILES[locale])) as Record<string, string>;
  return Object.entries(english)
    .filter(([id, source]) => example.test(source) && own[id] !== undefined)
    .flatMap(([id]) => literalRuns(own[id]!).filter((run) => /\d{4}-\d{2}-\d{2}|HH|\bKR FR\b/.test(run)));
}

/**
 * What `text` (visible text of a page, an e-mail or a document in `locale`) shows that a reader of
 * that language must not read: each offending value, with the English fragments found. `entered`
 * is content typed by the secretariat or a State (subject, titles, names, comments), removed
 * before looking; links are removed too (they carry ids and codes by design).
 */
export function untranslated(text: string, locale: Locale, entered: readonly string[] = []): string[] {
  let words = text
    .replace(/https?:\/\/\S+|(?<=^|\s)\/[\w./-]+/g, ' ') // links and paths (an API path in words)
    .replace(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, ' ') // e-mail addresses
    .replace(/[\w+/=-]{20,}/g, (blob) => (/\d/.test(blob) ? ' ' : blob)) // hashes, keys, signatures (hex, base64)
    .replace(/\d\s?[KMG]B\b/g, ' ') // sizes: "10 MB"
    .replace(/\bCH-1211\b/g, ' ') // the Bureau's postal code
    // A heading in capitals ("BUREAU DE LA NORMALISATION"): its short words are words, not codes.
    .replace(/\p{Lu}{2,}(?:\s+\p{Lu}{2,})+/gu, (run) => (/\p{Lu}{4,}/u.test(run) ? ' ' : run));
  // Longest first, so that an entered value containing another goes whole.
  for (const value of [...entered, ...inputSyntaxMessages(locale)].sort((a, b) => b.length - a.length))
    words = words.split(value).join(' ');
  const found: string[] = [];
  for (const pattern of locale === 'en' ? ALWAYS : [...ALWAYS, ...OUTSIDE_ENGLISH, wordCode(locale)])
    for (const match of words.matchAll(pattern)) found.push(match[0]);
  if (locale !== 'en') for (const fragment of ENGLISH_FRAGMENTS) if (words.includes(fragment)) found.push(fragment);
  return found;
}

/**
 * What the secretariat typed in the world's circular (world.ts) and a State in its default reply:
 * theirs, in the language they wrote it, removed before `untranslated` looks.
 */
export function enteredInWorld(): string[] {
  const input = consultationInput();
  const reply = replyInput();
  return [
    input.subject,
    input.reference,
    input.meeting.place,
    input.meeting.collectiveLetter!,
    ...input.addressees,
    ...input.copies!,
    ...input.notes!,
    input.signatory.name,
    input.signatory.title,
    ...(input.texts ?? []).flatMap((text) => [
      text.title,
      text.summary ?? '',
      text.workItem ?? '',
      text.location ?? '',
    ]),
    reply.signatory.name,
    reply.signatory.title,
    reply.place!,
  ].filter((value) => value !== '');
}
