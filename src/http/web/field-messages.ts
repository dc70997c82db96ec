import type { FieldProblem } from '../../domain/errors.js';
import { t, type Locale, type MessageId, type MessageValues } from '../../i18n/i18n.js';

/**
 * The services speak English in their field problems (they serve the API and the CLI too); the
 * pages speak from the catalogue. This table maps each rule of the password policy
 * (domain/identity/password-policy.ts) to its message; test/web/i18n.test.ts triggers every rule
 * and fails if one is missing here. An unknown rule still shows a catalogued message.
 */
const PASSWORD_RULES: readonly (readonly [RegExp, MessageId, (match: RegExpExecArray) => MessageValues])[] = [
  [/^Use at least (\d+) characters$/, 'password.tooShort', (m) => ({ min: Number(m[1]) })],
  [/^Use at most (\d+) characters$/, 'password.tooLong', (m) => ({ max: Number(m[1]) })],
  [/^Do not use your e-mail address in the password$/, 'password.containsEmail', () => ({})],
  [/^Do not repeat one character$/, 'password.repeated', () => ({})],
];

/** The catalogued message of a password-policy problem, or null when the rule is not known here. */
export function knownPasswordMessage(locale: Locale, problem: FieldProblem): string | null {
  for (const [pattern, id, values] of PASSWORD_RULES) {
    const match = pattern.exec(problem.message);
    if (match) return t(locale, id, values(match));
  }
  return null;
}

/** The message of a password-policy problem, in the reader's language. */
export function passwordMessage(locale: Locale, problem: FieldProblem): string {
  return knownPasswordMessage(locale, problem) ?? t(locale, 'password.rejected');
}
