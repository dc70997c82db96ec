import type { FieldProblem } from '../../domain/errors.js';
import { DEFAULT_LOCALE, type Locale, type MessageId, t } from '../../i18n/i18n.js';
import { checkMessage, type MessageProblem } from '../../i18n/message-checks.js';
import type { XliffProblem } from '../../i18n/xliff.js';

/**
 * The problems of a reviewed XLIFF file as field problems: each at its unit (`<file id>/<unit id>`),
 * with its stable code, worded by the catalogue (`translation.problem.<CODE>`; English by default,
 * the words of the CLI).
 */

/** An XLIFF problem (i18n/xliff.ts) as a field problem. */
export function xliffFieldProblem(problem: XliffProblem, locale: Locale = DEFAULT_LOCALE): FieldProblem {
  return {
    field: problem.path,
    code: problem.code,
    message: t(locale, `translation.problem.${problem.code}` as MessageId, { detail: problem.detail }),
  };
}

/** A message problem (i18n/message-checks.ts) at unit `path` as a field problem. */
export function messageFieldProblem(
  path: string,
  problem: MessageProblem,
  locale: Locale = DEFAULT_LOCALE,
): FieldProblem {
  return {
    field: path,
    code: problem.code,
    message: t(locale, `translation.problem.${problem.code}` as MessageId, {
      detail: problem.detail,
      found: problem.found ?? '',
    }),
  };
}

/** The problems of `text`, translated into `locale` from `reference`, at unit `path`. */
export function targetProblems(path: string, locale: string, text: string, reference: string): FieldProblem[] {
  return checkMessage(locale, text, reference).map((problem) => messageFieldProblem(path, problem));
}
