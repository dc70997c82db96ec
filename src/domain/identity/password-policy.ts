import type { FieldProblem } from '../errors.js';

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 256;

/**
 * What a password must be (NIST SP 800-63B style: length over composition rules): at least 12
 * characters, at most 256, not the e-mail address or its name part, not one repeated character.
 * Each rule's problem carries its code (PASSWORD_TOO_SHORT, TEXT_TOO_LONG, PASSWORD_CONTAINS_EMAIL,
 * PASSWORD_ONE_CHARACTER), so that a page says it in its reader's words.
 */
export function checkPassword(password: string, email: string, field = '/password'): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const length = [...password].length;
  if (length < PASSWORD_MIN)
    problems.push({ field, message: `Use at least ${PASSWORD_MIN} characters`, code: 'PASSWORD_TOO_SHORT' });
  if (length > PASSWORD_MAX)
    problems.push({ field, message: `Use at most ${PASSWORD_MAX} characters`, code: 'TEXT_TOO_LONG' });
  const lower = password.toLowerCase();
  const local = email.toLowerCase().split('@')[0] ?? '';
  if (lower === email.toLowerCase() || (local.length >= 4 && lower.includes(local)))
    problems.push({
      field,
      message: 'Do not use your e-mail address in the password',
      code: 'PASSWORD_CONTAINS_EMAIL',
    });
  if (length > 0 && new Set(password).size === 1)
    problems.push({ field, message: 'Do not repeat one character', code: 'PASSWORD_ONE_CHARACTER' });
  return problems;
}
