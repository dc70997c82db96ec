import type { TextTally } from '../domain/procedure/outcomes.js';
import type { Procedure } from '../domain/procedure/procedure.js';
import { formatCitation, formatShare, formatShareFigure } from './citations.js';
import type { Locale } from './i18n.js';
import { procedureText } from './procedure-text.js';

/**
 * Sentences on a text's tally in its procedure's words: the rule applied, with the tally's figures,
 * the share the rule needs and the clause cited in the reader's language.
 */

/** What a procedure's results sentences need of it: its words and the share its rule needs. */
export type TallyWords = Pick<Procedure, 'id' | 'messages' | 'passThreshold' | 'clauses'>;

/** How a sentence prints a share figure and a figure that does not apply. */
export interface SentenceFormats {
  /** A share figure (per cent, e.g. 69.57), as the place prints it; default: two decimals. */
  readonly share?: (percent: number) => string;
  /** What stands for a figure that does not apply (a share with no replies); default: nothing. */
  readonly notApplicable?: string;
}

/**
 * The values the procedure's results sentences take: each of the tally's figures by name (a count
 * as a number, for the sentence's own number and plural formats; a share formatted for the
 * reader), `threshold` (the share the rule needs, where it is one) and `clause` (the citation of the
 * rule applied, in the reader's language, from the clause table of the consultation's `edition`).
 */
export function tallySentenceValues(
  locale: Locale,
  procedure: TallyWords,
  tally: TextTally,
  edition: string,
  formats: SentenceFormats = {},
): Record<string, string | number> {
  const share = formats.share ?? ((percent: number) => formatShareFigure(locale, percent));
  const table = procedure.clauses(edition);
  const citation = { instrument: table.instrument, edition: table.edition, clause: tally.clause };
  const values: Record<string, string | number> = { clause: formatCitation(locale, citation, procedure) };
  for (const figure of tally.figures)
    values[figure.name] =
      figure.value === null
        ? (formats.notApplicable ?? '')
        : figure.format === 'percent'
          ? share(figure.value)
          : figure.value;
  if (procedure.passThreshold !== null) values.threshold = formatShare(locale, procedure.passThreshold);
  return values;
}

/**
 * A sentence on a text's tally in the procedure's words, keyed by the rule's basis or outcome
 * (`<prefix>.<id>`), e.g. `results.rule.threshold_met` (every procedure words each of its bases
 * and outcomes: src/i18n/procedure-text.test.ts).
 */
export function tallySentence(
  locale: Locale,
  procedure: TallyWords,
  key: string,
  tally: TextTally,
  edition: string,
  formats: SentenceFormats = {},
): string {
  return procedureText(locale, procedure, key, tallySentenceValues(locale, procedure, tally, edition, formats));
}
