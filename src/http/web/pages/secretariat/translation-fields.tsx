import { UN_LANGUAGES } from '../../../../domain/member-states/designations.js';
import type { UnLanguage } from '../../../../domain/member-states/member-states.data.js';
import { t, type Locale } from '../../../../i18n/i18n.js';
import { errorAt, type FormError, TextAreaField, TextField } from '../../components/form.js';
import { LANGUAGE_NAMES } from '../../components/layout.js';
import { languageAttributes } from '../../presenters/content.presenter.js';
import {
  type TranslatedFieldName,
  translationFieldName,
  translationLabel,
} from '../../secretariat/secretariat.forms.js';

/**
 * The translations of a circular's own fields, or of a text's title and summary (issue #8 item 6):
 * one `<details>` per UN language other than the language of record, named in its own language,
 * open when it holds a translation or a problem (so that the error summary's link lands on a
 * visible field). Each control carries the `lang` and `dir` of its language, so that Arabic is
 * typed right to left on any page, and Latin text left to right on an Arabic page. A language
 * equal to the language of record still shows while it holds text (typed before the language of
 * record was changed): the service refuses it, and the message stands at that field.
 */

/** One translated field of a language. */
export interface TranslationField {
  readonly field: TranslatedFieldName;
  readonly value: string;
  readonly rows: number;
  /** The longest one line or paragraph may be; none for a list (each entry is checked by the service). */
  readonly maxlength?: number;
  /** A one-line field (a text input rather than a text area). */
  readonly oneLine?: boolean;
}

/** The languages a translation form shows: every one but the language of record, unless it holds text. */
export function translationLanguages(
  languageOfRecord: string,
  hasText: (language: UnLanguage) => boolean,
): UnLanguage[] {
  return UN_LANGUAGES.filter((language) => language !== languageOfRecord || hasText(language));
}

/**
 * The fieldset of a form's translations: its legend and hint, then one `<details>` per language
 * holding the fields `fieldsOf` gives for it (`field-<field>-<language>` ids, as the readers of
 * the forms of secretariat/ and their error mapping expect).
 */
export function TranslationFields({
  locale,
  id,
  legend,
  hint,
  languageOfRecord,
  fieldsOf,
  errors,
}: {
  locale: Locale;
  /** The fieldset's id (its hint is `<id>-hint`). */
  id: string;
  legend: string;
  hint: string;
  languageOfRecord: string;
  fieldsOf: (language: UnLanguage) => readonly TranslationField[];
  errors: readonly FormError[];
}) {
  const languages = translationLanguages(languageOfRecord, (language) =>
    fieldsOf(language).some((f) => f.value !== ''),
  );
  return (
    <fieldset class="sec-fieldset sec-translations" id={id} aria-describedby={`${id}-hint`}>
      <legend>{legend}</legend>
      <p class="hint" id={`${id}-hint`}>
        {hint}
      </p>
      {languages.map((language) => {
        const fields = fieldsOf(language);
        const given = fields.some((f) => f.value !== '');
        const hasError = fields.some(
          (f) => errorAt(errors, `field-${translationFieldName(f.field, language)}`) !== undefined,
        );
        const attributes = languageAttributes(locale, language);
        return (
          <details class="sec-translation" open={given || hasError}>
            <summary>
              <span lang={language}>{LANGUAGE_NAMES[language] ?? language}</span>{' '}
              <span class="sec-translation-state">
                ({t(locale, given ? 'sec.translations.given' : 'sec.translations.none')})
              </span>
            </summary>
            {fields.map((f) => {
              const name = translationFieldName(f.field, language);
              const props = {
                locale,
                id: `field-${name}`,
                name,
                label: translationLabel(locale, f.field, language),
                value: f.value,
                error: errorAt(errors, `field-${name}`),
                ...(f.maxlength !== undefined && { maxlength: f.maxlength }),
                lang: language,
                dir: attributes.dir,
                optional: true,
              };
              // A one-line field (a reference, a place) as an input; the rest as text areas.
              return f.oneLine ? (
                <TextField {...props} />
              ) : (
                <TextAreaField class="sec-textarea" rows={f.rows} {...props} />
              );
            })}
          </details>
        );
      })}
    </fieldset>
  );
}
