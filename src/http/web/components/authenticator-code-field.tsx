import { t, type Locale } from '../../../i18n/i18n.js';
import { errorAt, TextField, type FormError } from './form.js';

/**
 * The 6-digit code of an authenticator app, as asked when it is set up and at each sign-in: a
 * numeric keypad on phones, the browser's one-time-code autofill, its error at `field-code`.
 */
export function AuthenticatorCodeField({ locale, errors }: { locale: Locale; errors: readonly FormError[] }) {
  return (
    <TextField
      locale={locale}
      id="field-code"
      name="code"
      label={t(locale, 'verify.code.label')}
      hint={t(locale, 'verify.code.hint')}
      autocomplete="one-time-code"
      inputmode="numeric"
      pattern="[0-9]*"
      maxlength={6}
      class="input-code"
      error={errorAt(errors, 'field-code')}
    />
  );
}
