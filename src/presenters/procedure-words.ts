import type { TextTally } from '../domain/procedure/outcomes.js';
import type { Procedure } from '../domain/procedure/procedure.js';
import { choiceOf, figureMessageKey, readingKeyOf, type TallyFigure } from '../domain/procedure/presentation.js';
import type { Locale } from '../i18n/i18n.js';
import { formatFigureValue, hasProcedureText, procedureText } from '../i18n/procedure-text.js';

/**
 * What the results, the replies lists and the documents print of a procedure: its figures and its
 * positions, in the procedure's own words. A place (`public`, `grid`, `filter`, `doc`, `group`) may
 * have its own wording in the procedure's catalogue, under `<place>.<key>` (a longer row heading on
 * the public page, a short reading in a grid or a document); without it the place uses the plain
 * message (the figure's label, the position's reading).
 */

/** Where a figure or a position is printed, for the procedure's wording of that place. */
export type WordingPlace = 'public' | 'grid' | 'filter' | 'doc' | 'group';

/** The procedure's message `key` as `place` words it: `<place>.<key>` when the procedure has it, else `key`. */
export function placedKey(procedure: Procedure, place: WordingPlace | null, key: string): string {
  if (place !== null && hasProcedureText(procedure, `${place}.${key}`)) return `${place}.${key}`;
  return key;
}

/** One figure of a text's results, ready to print. */
export interface FigureView {
  readonly name: string;
  readonly label: string;
  /** The value in the reader's language; null when not applicable (the page says so in its words). */
  readonly value: string | null;
  readonly format: TallyFigure['format'];
}

/** A figure's label in the reader's language, as `place` words it. */
export function figureLabelAt(locale: Locale, procedure: Procedure, place: WordingPlace | null, name: string): string {
  return procedureText(locale, procedure, placedKey(procedure, place, figureMessageKey(name)));
}

/** The figures the procedure declares for a tally, labelled and formatted for the reader. */
export function presentFigures(
  locale: Locale,
  procedure: Procedure,
  tally: TextTally,
  place: WordingPlace | null = null,
): FigureView[] {
  return tally.figures.map((figure) => ({
    name: figure.name,
    label: figureLabelAt(locale, procedure, place, figure.name),
    value: figure.value === null ? null : formatFigureValue(locale, figure),
    format: figure.format,
  }));
}

/** The labels of the figures the procedure declares (the same for every text), for a table's headings. */
export function figureLabels(
  locale: Locale,
  procedure: Procedure,
  tally: TextTally,
  place: WordingPlace | null = null,
): string[] {
  return tally.figures.map((figure) => figureLabelAt(locale, procedure, place, figure.name));
}

/** A stored position: its kind and sub-option. */
export interface StoredPositionRef {
  readonly position: string;
  readonly option: string | null;
}

/**
 * How a stored position reads, through the procedure's reply form, as `place` words it; `body` is
 * the body consulted ("SG17"). A kind the form does not know reads as itself.
 */
export function positionWords(
  locale: Locale,
  procedure: Procedure,
  position: StoredPositionRef,
  body: string,
  place: WordingPlace | null = null,
): string {
  const key = readingKeyOf(procedure.replyForm, position.position, position.option);
  if (key === null) return position.position;
  return procedureText(locale, procedure, placedKey(procedure, place, key), { body });
}

/**
 * One way a position may be summarised in a list: a choice with one of its sub-options
 * (`kind:option`), or the choice alone (`kind`: with no sub-option, or any, for a filter).
 */
export interface PositionSummarySpec {
  /** `kind` or `kind:option`: the value of a list's cell, count or filter. */
  readonly id: string;
  readonly kind: string;
  readonly option: string | null;
}

/** The summary of a stored position: its kind, with its sub-option where the choice has one. */
export function summaryIdOf(position: StoredPositionRef): string {
  return position.option === null ? position.position : `${position.position}:${position.option}`;
}

/**
 * The summaries of a procedure's positions, in the form's order: for a choice with sub-options,
 * each sub-option then the choice with none ticked; else the choice.
 */
export function positionSummaries(procedure: Procedure): PositionSummarySpec[] {
  return procedure.replyForm.choices.flatMap((choice) => [
    ...(choice.options?.choices ?? []).map((o) => ({ id: `${choice.kind}:${o.id}`, kind: choice.kind, option: o.id })),
    { id: choice.kind, kind: choice.kind, option: null },
  ]);
}

/**
 * The values of a position filter, in the form's order: each choice (for one with sub-options:
 * whichever was ticked), then each of its sub-options.
 */
export function positionFilters(procedure: Procedure): PositionSummarySpec[] {
  return procedure.replyForm.choices.flatMap((choice) => [
    { id: choice.kind, kind: choice.kind, option: null },
    ...(choice.options?.choices ?? []).map((o) => ({ id: `${choice.kind}:${o.id}`, kind: choice.kind, option: o.id })),
  ]);
}

/** Whether a stored position passes a filter: the same choice, and the same sub-option when the filter names one. */
export function filterMatches(filter: PositionSummarySpec, position: StoredPositionRef): boolean {
  return filter.kind === position.position && (filter.option === null || filter.option === position.option);
}

/** Whether a choice is the secretariat's only (offered when a form received otherwise is recorded). */
export function isRecordedOnly(procedure: Procedure, kind: string): boolean {
  return choiceOf(procedure.replyForm, kind)?.recordedOnly ?? false;
}

/**
 * A tally's outcome in the procedure's own words: `<place>.outcome.<value>` where it words the
 * place its own way, else `outcome.<value>`. Under a procedure with a meeting (TAP) the outcome
 * says whether the text goes to the meeting; without one, whether the text passes.
 */
export function outcomeWords(
  locale: Locale,
  procedure: Procedure,
  place: WordingPlace | null,
  outcome: string,
): string {
  return procedureText(locale, procedure, placedKey(procedure, place, `outcome.${outcome}`));
}
