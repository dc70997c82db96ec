import { catalogueCodeOf, type ErrorCode, type FieldProblem } from '../../domain/errors.js';
import { PASSWORD_MAX, PASSWORD_MIN } from '../../domain/identity/password-policy.js';
import { t, type Locale, type MessageId, type MessageValues } from '../../i18n/i18n.js';

/**
 * The services speak English in their field problems (they serve the API and the CLI too); the
 * pages speak from the catalogue, by each problem's code. This table maps each rule of the
 * password policy (domain/identity/password-policy.ts) to its message; test/web/i18n.test.ts
 * triggers every rule and fails if one is missing here. An unknown rule still shows a catalogued
 * message.
 */
const PASSWORD_RULES: Partial<Record<ErrorCode, readonly [MessageId, MessageValues]>> = {
  PASSWORD_TOO_SHORT: ['password.tooShort', { min: PASSWORD_MIN }],
  TEXT_TOO_LONG: ['password.tooLong', { max: PASSWORD_MAX }],
  PASSWORD_CONTAINS_EMAIL: ['password.containsEmail', {}],
  PASSWORD_ONE_CHARACTER: ['password.repeated', {}],
};

/** The catalogued message of a password-policy problem, or null when its rule is not known here. */
export function knownPasswordMessage(locale: Locale, problem: FieldProblem): string | null {
  const code = catalogueCodeOf(problem, undefined);
  const rule = code === undefined ? undefined : PASSWORD_RULES[code];
  return rule ? t(locale, rule[0], rule[1]) : null;
}

/** The message of a password-policy problem, in the reader's language. */
export function passwordMessage(locale: Locale, problem: FieldProblem): string {
  return knownPasswordMessage(locale, problem) ?? t(locale, 'password.rejected');
}
