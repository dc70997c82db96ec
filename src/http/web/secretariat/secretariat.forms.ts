import Type from 'typebox';
import {
  CIRCULAR_LIST_FIELDS,
  type CircularField,
  type CircularListField,
} from '../../../domain/consultation/consultation.js';
import { isUnLanguage } from '../../../domain/consultation/localise.js';
import type { FieldProblem } from '../../../domain/errors.js';
import { UN_LANGUAGES } from '../../../domain/member-states/designations.js';
import type { UnLanguage } from '../../../domain/member-states/member-states.data.js';
import { languageWords, t, type Locale, type MessageId } from '../../../i18n/i18n.js';
import type { FormError } from '../components/form.js';

/**
 * What the secretariat's forms share: the shape of their bodies (every field an optional, bounded
 * string, as in forms.schema.ts: a missing or empty field is answered by the page with its message
 * at the field), the parameters and queries of their routes, the fields of translations, and the
 * words of the problems every form can meet. Each form's reader turns what was typed into its
 * service's input (circular.forms.ts, text.forms.ts, invite.forms.ts); the services check it.
 */

/** No NUL character: PostgreSQL cannot store or compare one, and no form needs it (answered 400). */
const NO_NUL = '^[^\\u0000]*$';
/** An optional form field of at most `maxLength` characters. */
export const Field = (maxLength: number) => Type.Optional(Type.String({ maxLength, pattern: NO_NUL }));
const Param = Type.String({ minLength: 1, maxLength: 100, pattern: NO_NUL });
export const Csrf = Field(200);

/** Forms that are a single button. */
export const SecCsrfOnlyForm = Type.Object({ _csrf: Csrf });
/** Issuing: the revision the preview showed. */
export const IssueForm = Type.Object({ _csrf: Csrf, revision: Field(20) });

/** A consultation by id. */
export const ConsultationParams = Type.Object({ id: Param });
/** A text of a consultation. */
export const TextParams = Type.Object({ id: Param, textId: Param });
/** An account by id. */
export const AccountParams = Type.Object({ accountId: Param });
/** An administrator's reset of an account's authenticator: the reason, kept in the audit trail. */
export const AuthenticatorResetForm = Type.Object({ _csrf: Csrf, reason: Field(2000) });

/** `?notice=` and, after an invitation, the invited account. */
export const AccountsQuery = Type.Object({
  notice: Field(40),
  invited: Field(100),
  /** Words to find in a name, an e-mail address, a Member State or a role. */
  q: Field(200),
});
/** The audit trail's filters and page. */
export const AuditQuery = Type.Object({
  consultation: Field(100),
  action: Field(100),
  who: Field(200),
  state: Field(10),
  from: Field(20),
  to: Field(20),
  page: Field(10),
  /** Every event the filters select, oldest first, as a file (a link: any other value is refused). */
  format: Type.Optional(Type.Union([Type.Literal('csv'), Type.Literal('xlsx')])),
});
/** The languages page: the language whose messages to review are listed, and the page of them. */
export const LanguagesQuery = Type.Object({ language: Field(10), page: Field(10) });

/** A field as typed, without surrounding spaces. */
export const trim = (value: string | undefined) => (value ?? '').trim();
/** A checkbox: checked unless absent, empty or `no`. */
export const isChecked = (value: string | undefined) => value !== undefined && value !== '' && value !== 'no';
/** Non-empty lines. */
export const linesOf = (value: string) =>
  value
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');

/** A revision as the form carries it (a hidden field), or undefined. */
export const revisionOf = (value: string) => (/^\d{1,9}$/.test(value) ? Number(value) : undefined);

/** A translated field of a form: the circular's own fields, a text's title and summary. */
export type TranslatedFieldName = CircularField | 'title' | 'summary';

/** The form field of a translation: `subject-fr`, `title-ar`, `summary-es`, `addressees-ru`. */
export function translationFieldName<F extends TranslatedFieldName>(
  field: F,
  language: UnLanguage,
): `${F}-${UnLanguage}` {
  return `${field}-${language}`;
}

/** Each UN language with an empty value (a form with no translation yet). */
export function perLanguage<T>(value: () => T): Record<UnLanguage, T> {
  return Object.fromEntries(UN_LANGUAGES.map((language) => [language, value()])) as Record<UnLanguage, T>;
}

/** A language's name in the reader's words: shared with the documents (i18n.ts). */
export { languageWords } from '../../../i18n/i18n.js';

/** The label of a translated field, naming the language in the reader's words ("Subject in French"). */
export function translationLabel(locale: Locale, field: TranslatedFieldName, language: UnLanguage): string {
  return t(locale, `sec.translations.${field}.label`, { language: languageWords(locale, language) });
}

/**
 * A problem with a translation (`/translations/fr`, `/translations/fr/summary`, or the same under
 * `/texts/<n>` when a circular is created with its texts), at the field of that language, or null
 * when the problem is not a translation's. `field`: the form's field a whole-language problem is
 * shown at (the subject; a text's title). `maxOf`: the longest the schema allows that field.
 */
export function translationError(
  locale: Locale,
  problem: FieldProblem,
  field: 'subject' | 'title',
  languageOfRecord: string,
  maxOf: (field: TranslatedFieldName) => number,
  /** The number of entries of each list of the circular in the language of record (TRANSLATION_LIST_LENGTH). */
  recordCount: (field: CircularListField) => number = () => 0,
): FormError | null {
  const match =
    /^(?:\/texts\/\d+)?\/translations\/([^/]+)(?:\/(subject|reference|meetingPlace|collectiveLetter|addressees|copies|notes|title|summary)(?:\/\d+)?)?$/.exec(
      problem.field,
    );
  if (!match) return null;
  const language = match[1]!;
  if (!isUnLanguage(language)) return { message: t(locale, 'sec.field.rejectedForm') };
  const at = (match[2] as TranslatedFieldName | undefined) ?? field;
  const id = `field-${translationFieldName(at, language)}`;
  const label = translationLabel(locale, at, language);
  if (problem.code === 'TEXT_TOO_LONG')
    return { field: id, message: t(locale, 'sec.field.tooLong', { field: label, max: maxOf(at) }) };
  if (problem.code === 'TRANSLATION_LIST_LENGTH' && (CIRCULAR_LIST_FIELDS as readonly string[]).includes(at))
    return {
      field: id,
      message: t(locale, 'sec.translations.listLength', {
        field: label,
        record: languageWords(locale, languageOfRecord),
        count: recordCount(at as CircularListField),
      }),
    };
  if (at === 'collectiveLetter' && problem.code === 'TRANSLATION_WITHOUT_RECORD')
    return {
      field: id,
      message: t(locale, 'sec.translations.letterWithoutLetter', {
        language: languageWords(locale, language),
        record: languageWords(locale, languageOfRecord),
      }),
    };
  if (match[2] === undefined && language === languageOfRecord)
    return {
      field: id,
      message: t(locale, 'sec.translations.isRecord', { language: languageWords(locale, language) }),
    };
  if (at === 'summary')
    return {
      field: id,
      message: t(locale, 'sec.translations.summaryWithoutSummary', {
        language: languageWords(locale, language),
        record: languageWords(locale, languageOfRecord),
      }),
    };
  return { field: id, message: t(locale, 'sec.field.rejected', { field: label }) };
}

/**
 * The message of a one-line or free-text field's problem: the field's own when it was left empty,
 * its limit when too long (TEXT_TOO_LONG, the schema's `max`), else that it was not accepted.
 */
export function textFieldMessage(
  locale: Locale,
  problem: FieldProblem,
  typed: string,
  label: string,
  missing: MessageId | null,
  max: number | null,
): string {
  if (typed === '' && missing !== null) return t(locale, missing);
  if (problem.code === 'TEXT_TOO_LONG' && max !== null) return t(locale, 'sec.field.tooLong', { field: label, max });
  return t(locale, 'sec.field.rejected', { field: label });
}

/** Adds an error unless its field (or, without a field, its message) already has one: the first problem of a field is shown. */
export function pushOnce(errors: FormError[], error: FormError): void {
  if (!errors.some((e) => (e.field !== undefined ? e.field === error.field : e.message === error.message)))
    errors.push(error);
}

/** Errors in the order of the fields on the page (`fields`: their names, as in `field-<name>`), those without a field last. */
export function inPageOrder(errors: readonly FormError[], fields: readonly string[]): FormError[] {
  const rank = (e: FormError) => {
    const index = e.field === undefined ? -1 : fields.indexOf(e.field.replace(/^field-/, ''));
    return index === -1 ? fields.length : index;
  };
  return [...errors].sort((a, b) => rank(a) - rank(b));
}
