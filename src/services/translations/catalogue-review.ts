import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError, type FieldProblem } from '../../domain/errors.js';
import { DEFAULT_LOCALE, isLocale, LOCALES, type Locale } from '../../i18n/i18n.js';
import {
  formatReviews,
  type MessageReview,
  readReview,
  type ReviewRecords,
  type ReviewStatus,
  reviewKey,
  reviewStatus,
  textHash,
} from '../../i18n/reviews.js';
import { parseMessage, placeholdersOf } from '../../i18n/message-checks.js';
import { buildXliff, checkAgainst, parseXliff, type UnitState, type XliffFile } from '../../i18n/xliff.js';
import { targetProblems, xliffFieldProblem } from './translation-problems.js';

/**
 * The review of the message catalogues by language services, on the files in the source tree:
 * export a locale's catalogues (the core's, src/i18n/messages, and each procedure's,
 * src/procedures/<id>/messages) as XLIFF 2.0, import the reviewed file back, and tell which
 * messages are reviewed, stale or unreviewed (i18n/reviews.ts). The folder is injectable
 * (`sourceRoot`), so tests work on a copy and never on the real catalogues.
 *
 * The catalogues are JSON files shipped with the code: an import changes the files (a commit
 * to make, and a restart to serve them), not the database.
 */

/**
 * The `src/` folder of this installation, holding the catalogues: the sources' folder also when
 * the compiled code in dist/ runs (the same depth below the project's root).
 */
export const SOURCE_ROOT = fileURLToPath(new URL('../../../src/', import.meta.url));

/** One catalogue file area: `core.secretariat`, `itu-t-tap.reply`. */
export interface CatalogueArea {
  /** `core`, or a procedure's id. */
  readonly catalogue: string;
  /** The file's name without `.json`. */
  readonly area: string;
  /** The XLIFF `<file id>`: `<catalogue>.<area>`. */
  readonly fileId: string;
  /** The folder holding `<locale>/<area>.json`. */
  readonly folder: string;
}

/** A message of a locale, beside its English, with its review. */
export interface CatalogueMessage {
  readonly area: CatalogueArea;
  readonly id: string;
  readonly english: string;
  readonly text: string;
  readonly review: MessageReview | undefined;
  readonly status: ReviewStatus;
}

/** The locales a language service reviews: every served one but English, the source. */
export function reviewedLocales(): Locale[] {
  return LOCALES.filter((locale) => locale !== DEFAULT_LOCALE);
}

/** Every catalogue area under `sourceRoot`: the core's first, then each procedure's, areas sorted. */
export function catalogueAreas(sourceRoot: string = SOURCE_ROOT): CatalogueArea[] {
  const areasOf = (catalogue: string, folder: string): CatalogueArea[] =>
    fs.existsSync(path.join(folder, DEFAULT_LOCALE))
      ? fs
          .readdirSync(path.join(folder, DEFAULT_LOCALE))
          .filter((file) => file.endsWith('.json'))
          .map((file) => file.slice(0, -5))
          .sort()
          .map((area) => ({ catalogue, area, fileId: `${catalogue}.${area}`, folder }))
      : [];
  const procedures = path.join(sourceRoot, 'procedures');
  return [
    ...areasOf('core', path.join(sourceRoot, 'i18n', 'messages')),
    ...(fs.existsSync(procedures) ? fs.readdirSync(procedures).sort() : [])
      .filter((id) => fs.existsSync(path.join(procedures, id, 'messages')))
      .flatMap((id) => areasOf(id, path.join(procedures, id, 'messages'))),
  ];
}

function areaFile(area: CatalogueArea, locale: string): string {
  return path.join(area.folder, locale, `${area.area}.json`);
}

function readMessages(file: string): Record<string, string> {
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>) : {};
}

/** The file of a locale's reviews. */
export function reviewsFile(sourceRoot: string, locale: string): string {
  return path.join(sourceRoot, 'i18n', 'reviews', `${locale}.json`);
}

/** A locale's review records (none yet: an empty set). */
export function readReviews(sourceRoot: string, locale: string): Record<string, MessageReview> {
  const file = reviewsFile(sourceRoot, locale);
  if (!fs.existsSync(file)) return {};
  const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  const records: Record<string, MessageReview> = {};
  for (const [key, value] of Object.entries(parsed)) {
    const review = readReview(value);
    if (review === null) throw new Error(`${file}: ${key} is not a review record`);
    records[key] = review;
  }
  return records;
}

/** Every message of `locale` (in the order of the English files), with its review status. */
export function catalogueMessages(locale: Locale, sourceRoot: string = SOURCE_ROOT): CatalogueMessage[] {
  const reviews: ReviewRecords = readReviews(sourceRoot, locale);
  return catalogueAreas(sourceRoot).flatMap((area) => {
    const english = readMessages(areaFile(area, DEFAULT_LOCALE));
    const translated = readMessages(areaFile(area, locale));
    return Object.entries(english).map(([id, source]) => {
      const text = translated[id] ?? '';
      const review = reviews[reviewKey(area.catalogue, id)];
      return { area, id, english: source, text, review, status: reviewStatus(review, source, text) };
    });
  });
}

/** How many messages of a locale are reviewed, stale and unreviewed. */
export interface LanguageReviewSummary {
  readonly locale: Locale;
  readonly total: number;
  readonly reviewed: number;
  readonly stale: number;
  readonly unreviewed: number;
}

export function summarise(locale: Locale, messages: readonly CatalogueMessage[]): LanguageReviewSummary {
  const count = (status: ReviewStatus) => messages.filter((m) => m.status === status).length;
  return {
    locale,
    total: messages.length,
    reviewed: count('reviewed'),
    stale: count('stale'),
    unreviewed: count('unreviewed'),
  };
}

function checkLocale(locale: string): Locale {
  if (!isLocale(locale) || locale === DEFAULT_LOCALE)
    throw new AppError('VALIDATION_FAILED', `Not a language to review: ${locale}`, {
      errors: [
        xliffFieldProblem({
          code: 'XLIFF_WRONG_LANGUAGE',
          path: 'xliff/@trgLang',
          detail: `${locale} ∉ ${reviewedLocales().join(', ')}`,
        }),
      ],
    });
  return locale;
}

export interface ExportOptions {
  readonly locale: string;
  /** Only the messages not reviewed, or whose review is stale. */
  readonly onlyToReview?: boolean;
  readonly sourceRoot?: string;
}

/**
 * A locale's catalogues as XLIFF 2.0: one `<file>` per area (`core.secretariat`), one unit per
 * message (its id), source English, target the current text. A reviewed message (review not
 * stale) has state `reviewed`, every other `translated`. Notes give the placeholders to keep
 * and, for a stale review, who reviewed it and when.
 */
export function exportCatalogues(options: ExportOptions): { xliff: string; units: number } {
  const locale = checkLocale(options.locale);
  const messages = catalogueMessages(locale, options.sourceRoot).filter(
    (m) => !options.onlyToReview || m.status !== 'reviewed',
  );
  const files = new Map<string, XliffFile & { units: XliffFile['units'][number][] }>();
  for (const message of messages) {
    let file = files.get(message.area.fileId);
    if (!file) {
      file = {
        id: message.area.fileId,
        original: path
          .relative(path.dirname(path.resolve(options.sourceRoot ?? SOURCE_ROOT)), areaFile(message.area, locale))
          .split(path.sep)
          .join('/'),
        units: [],
      };
      files.set(message.area.fileId, file);
    }
    const placeholders = placeholdersOf(parseMessage(message.english) ?? []);
    file.units.push({
      id: message.id,
      source: message.english,
      target: message.text,
      state: message.status === 'reviewed' ? 'reviewed' : 'translated',
      notes: [
        ...(placeholders.length > 0
          ? [{ category: 'placeholders', text: placeholders.map((name) => `{${name}}`).join(' ') }]
          : []),
        ...(message.review !== undefined
          ? [
              {
                category: message.status === 'stale' ? 'stale-review' : 'review',
                text: `${message.review.reviewer}, ${message.review.at}`,
              },
            ]
          : []),
      ],
    });
  }
  return {
    xliff: buildXliff({ srcLang: DEFAULT_LOCALE, trgLang: locale, files: [...files.values()] }),
    units: messages.length,
  };
}

export interface ImportOptions {
  readonly xliff: string;
  /** Who reviewed the file, as the records name them. */
  readonly reviewer: string;
  /** The instant of the import (the review's time). */
  readonly at: number;
  /** Check everything and tell what would change, writing nothing. */
  readonly dryRun?: boolean;
  readonly sourceRoot?: string;
}

/** One message an import changes. */
export interface ImportedMessage {
  /** `<file id>/<unit id>`. */
  readonly path: string;
  /** The text changed (else only its review). */
  readonly textChanged: boolean;
  /** What the review record becomes: recorded (reviewed or final), removed (new text not reviewed), kept. */
  readonly review: 'recorded' | 'removed' | 'kept';
}

export interface ImportResult {
  readonly locale: Locale;
  readonly units: number;
  readonly changed: readonly ImportedMessage[];
  /** The files written (none on a dry run). */
  readonly written: readonly string[];
}

const REVIEWED: readonly UnitState[] = ['reviewed', 'final'];

/**
 * Imports a reviewed XLIFF file of a locale's catalogues. Everything is checked before anything
 * is written, and any problem refuses the whole file, listing every problem with its unit: the
 * file (well-formed XLIFF 2.0, source English, target a reviewed locale), each unit (a known
 * message, its English unchanged since the export), and each changed target (ICU syntax, the
 * English placeholders, every plural category of the language: i18n/message-checks.ts).
 *
 * Then, per unit: a changed target is written to its catalogue file (key order and formatting
 * kept); a unit in state `reviewed` or `final` records a review by `reviewer` now (a review
 * already current is kept as it was); a changed target in an earlier state removes the
 * message's review (that text has not been reviewed). A unit without a target changes nothing.
 * @throws VALIDATION_FAILED with one problem per unit (codes XLIFF_* and MESSAGE_*)
 */
export function importCatalogues(options: ImportOptions): ImportResult {
  const sourceRoot = options.sourceRoot ?? SOURCE_ROOT;
  const refuse = (problems: readonly FieldProblem[]): never => {
    throw new AppError('VALIDATION_FAILED', 'The file is refused: nothing was written', { errors: problems });
  };
  const parsed = parseXliff(options.xliff);
  if (parsed.document === null) return refuse(parsed.problems.map((p) => xliffFieldProblem(p)));
  const document = parsed.document;
  const locale = checkLocale(document.trgLang);

  const areas = new Map(catalogueAreas(sourceRoot).map((area) => [area.fileId, area]));
  const english = new Map<string, Record<string, string>>();
  const translated = new Map<string, Record<string, string>>();
  for (const [fileId, area] of areas) {
    english.set(fileId, readMessages(areaFile(area, DEFAULT_LOCALE)));
    translated.set(fileId, readMessages(areaFile(area, locale)));
  }
  const sourceOf = (fileId: string, id: string): string | undefined => {
    const messages = english.get(fileId);
    return messages && Object.hasOwn(messages, id) ? messages[id] : undefined;
  };
  const problems: FieldProblem[] = checkAgainst(document, { srcLang: DEFAULT_LOCALE, trgLang: locale, sourceOf }).map(
    (p) => xliffFieldProblem(p),
  );
  for (const file of document.files)
    for (const unit of file.units) {
      const source = sourceOf(file.id, unit.id);
      const current = translated.get(file.id)?.[unit.id];
      // A changed text is checked, and so is an unchanged one marked reviewed: a review is never
      // recorded for a message that breaks the checks.
      const markedReviewed = REVIEWED.includes(unit.state);
      if (source === undefined || unit.target === null || (unit.target === current && !markedReviewed)) continue;
      problems.push(...targetProblems(`${file.id}/${unit.id}`, locale, unit.target, source));
    }
  if (problems.length > 0) return refuse(problems);

  const reviews = readReviews(sourceRoot, locale);
  const at = new Date(options.at).toISOString();
  const changed: ImportedMessage[] = [];
  const touchedAreas = new Set<string>();
  let units = 0;
  for (const file of document.files) {
    const area = areas.get(file.id)!;
    const messages = translated.get(file.id)!;
    for (const unit of file.units) {
      units += 1;
      if (unit.target === null) continue;
      const source = sourceOf(file.id, unit.id)!;
      const key = reviewKey(area.catalogue, unit.id);
      const textChanged = unit.target !== messages[unit.id];
      const reviewed = REVIEWED.includes(unit.state);
      const before = reviews[key];
      if (textChanged) {
        messages[unit.id] = unit.target;
        touchedAreas.add(file.id);
      }
      let review: ImportedMessage['review'] = 'kept';
      if (reviewed && reviewStatus(before, source, unit.target) !== 'reviewed') {
        reviews[key] = { reviewer: options.reviewer, at, source: textHash(source), target: textHash(unit.target) };
        review = 'recorded';
      } else if (!reviewed && textChanged && before !== undefined) {
        delete reviews[key];
        review = 'removed';
      }
      if (textChanged || review !== 'kept') changed.push({ path: `${file.id}/${unit.id}`, textChanged, review });
    }
  }

  const written: string[] = [];
  if (!options.dryRun && changed.length > 0) {
    // Every file is prepared first, then each replaced by a rename, so that a reader never sees half a file.
    const writes: [string, string][] = [...touchedAreas].map((fileId) => [
      areaFile(areas.get(fileId)!, locale),
      `${JSON.stringify(translated.get(fileId), null, 2)}\n`,
    ]);
    writes.push([reviewsFile(sourceRoot, locale), formatReviews(reviews)]);
    for (const [file, text] of writes) {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(`${file}.tmp`, text);
    }
    for (const [file] of writes) {
      fs.renameSync(`${file}.tmp`, file);
      written.push(file);
    }
  }
  return { locale, units, changed, written };
}
