import type { Citation, ClauseRole } from '../domain/procedure/clauses.js';
import { clauseCitation, type Procedure, roleCitation } from '../domain/procedure/procedure.js';
import { intlFor, type Locale, t } from './i18n.js';
import { hasProcedureText, type ProcedureWords, procedureText } from './procedure-text.js';

/**
 * Clauses and thresholds as a sentence of the catalogues takes them: no message holds a clause
 * number or a share itself; the call site passes them, from the consultation's procedure and
 * edition (its clause table) and from the tally (src/i18n/catalogue-clauses.test.ts keeps it so).
 *
 * A citation is written in the reader's language (issue 20): the instrument and its edition as the
 * procedure's catalogue names them in that language ("Résolution 1 de l’AMNT (Rév. Genève, 2022)",
 * "WTSA第1号决议（2022年，日内瓦，修订版）"), and the clause as that language numbers it ("§ 9.4.6",
 * "п. 9.4.6", "第9.4.6段", "الفقرة 9.4.6"). The clause table keeps the English forms, which the API,
 * the CLI and the audit trail give; a procedure without the words cites its table as it is.
 */

/** The message key of an edition's name in a procedure's catalogue: `edition.` and the edition in lower case, words joined by "-" ("Rev. Geneva, 2022" → `edition.rev-geneva-2022`). */
export function editionMessageKey(edition: string): string {
  const slug = edition
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `edition.${slug}`;
}

/** The instrument a procedure's clause table cites ("WTSA Resolution 1"), in the reader's language (`citation.instrument`). */
export function instrumentIn(locale: Locale, procedure: ProcedureWords, instrument: string): string {
  return hasProcedureText(procedure, 'citation.instrument')
    ? procedureText(locale, procedure, 'citation.instrument')
    : instrument;
}

/** An edition of a procedure's instrument ("Rev. Geneva, 2022"), in the reader's language (`edition.<slug>`); as written when the catalogue has no words for it. */
export function editionIn(locale: Locale, procedure: ProcedureWords, edition: string): string {
  const key = editionMessageKey(edition);
  return hasProcedureText(procedure, key) ? procedureText(locale, procedure, key) : edition;
}

/** A section or paragraph written "§<number>" or "§<number> NOTE" in a clause table (e.g. "§4.4.2"). */
const PARAGRAPH = /^§\s*(\d+(?:\.\d+)*)(\s+NOTE)?$/u;

/** A clause number as the reader's language writes it; a clause of another form is written as the table has it. */
export function clauseIn(locale: Locale, clause: string): string {
  const paragraph = PARAGRAPH.exec(clause.trim());
  if (!paragraph) return clause;
  const number = paragraph[1]!;
  return paragraph[2] ? t(locale, 'citation.paragraphNote', { number }) : t(locale, 'citation.paragraph', { number });
}

/**
 * A citation in the reader's language, as a procedure's catalogue and the core's citation messages
 * write it. Without the procedure (or with one that has no words for its instrument), the
 * instrument and edition are written as the clause table has them. An empty clause (a role the
 * procedure has no rule for) cites the instrument and edition alone.
 */
export function formatCitation(locale: Locale, citation: Citation, procedure?: ProcedureWords): string {
  const instrument = procedure ? instrumentIn(locale, procedure, citation.instrument) : citation.instrument;
  const edition = procedure ? editionIn(locale, procedure, citation.edition) : citation.edition;
  return citation.clause === ''
    ? t(locale, 'citation.source', { instrument, edition })
    : t(locale, 'citation.clause', { instrument, edition, clause: clauseIn(locale, citation.clause) });
}

/** The instrument with its edition ("WTSA Resolution 1 (Rev. Geneva, 2022)"), in the reader's language. */
export function sourceIn(locale: Locale, procedure: Procedure, edition: string): string {
  const table = procedure.clauses(edition);
  return formatCitation(locale, { instrument: table.instrument, edition: table.edition, clause: '' }, procedure);
}

/** The clause a procedure applies for a role of the core, cited in the reader's language. */
export function citeRoleIn(locale: Locale, procedure: Procedure, role: ClauseRole, edition: string): string {
  return formatCitation(locale, roleCitation(procedure, role, edition), procedure);
}

/** A clause number a procedure's rule returned (a problem's, a tally's), cited in the reader's language. */
export function citeClauseIn(locale: Locale, procedure: Procedure, edition: string, clause: string): string {
  return formatCitation(locale, clauseCitation(procedure, edition, clause), procedure);
}

/**
 * A share (0.7) as a sentence of the reader's language writes a rule's threshold: English "70%",
 * French with a no-break space before the sign, Arabic "70 في المائة" (the catalogue's
 * `share.inSentence`, which takes the per-cent number formatted for the language).
 */
export function formatShare(locale: Locale, share: number): string {
  // Rounded as a percentage is (66.666… → 66.67), without the float's own noise (0.07 * 100).
  const number = intlFor(locale).formatNumber(Math.round(share * 10000) / 100, { maximumFractionDigits: 2 });
  return t(locale, 'share.inSentence', { number });
}

/**
 * A share figure of a tally (per cent, e.g. 69.5652) as a sentence writes it: two decimals, in the
 * catalogue's form ("69.57%", "69,57 %", Arabic "69.57 في المائة"); tables keep the figure's own
 * format.
 */
export function formatShareFigure(locale: Locale, percent: number): string {
  const number = intlFor(locale).formatNumber(percent, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return t(locale, 'share.inSentence', { number });
}
