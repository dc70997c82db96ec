import type { Citation, ClauseRole } from '../domain/procedure/clauses.js';
import { clauseCitation, type Procedure, roleCitation } from '../domain/procedure/procedure.js';
import { intlFor, type Locale, t } from './i18n.js';

/**
 * Clauses and thresholds as a sentence of the catalogues takes them: no message holds a clause
 * number or a share itself; the call site passes them, from the consultation's procedure and
 * edition (its clause table) and from the tally (src/i18n/catalogue-clauses.test.ts keeps it so).
 */

/**
 * A citation in the reader's language: "<instrument> (<edition>) <clause>" in its words. The
 * instrument, edition and clause are written as the clause table has them; only the words around
 * them are the catalogue's. An empty clause (a role the procedure has no rule for) cites the
 * instrument and edition alone.
 */
export function formatCitation(locale: Locale, citation: Citation): string {
  const { instrument, edition, clause } = citation;
  return clause === ''
    ? t(locale, 'citation.source', { instrument, edition })
    : t(locale, 'citation.clause', { instrument, edition, clause });
}

/** The clause a procedure applies for a role of the core, cited in the reader's language. */
export function citeRoleIn(locale: Locale, procedure: Procedure, role: ClauseRole, edition: string): string {
  return formatCitation(locale, roleCitation(procedure, role, edition));
}

/** A clause number a procedure's rule returned (a problem's, a tally's), cited in the reader's language. */
export function citeClauseIn(locale: Locale, procedure: Procedure, edition: string, clause: string): string {
  return formatCitation(locale, clauseCitation(procedure, edition, clause));
}

/** A share (0.7) as a percentage in the reader's language (English "70%", French with a no-break space before the sign): a rule's threshold. */
export function formatShare(locale: Locale, share: number): string {
  return intlFor(locale).formatNumber(share, { style: 'percent', maximumFractionDigits: 2 });
}
