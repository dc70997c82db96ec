import Type, { type Static } from 'typebox';
import type { DeterminedText, TextKind } from '../../../domain/consultation/consultation.js';
import type { FieldProblem } from '../../../domain/errors.js';
import { UN_LANGUAGES } from '../../../domain/member-states/designations.js';
import type { UnLanguage } from '../../../domain/member-states/member-states.data.js';
import { t, type Locale, type MessageId } from '../../../i18n/i18n.js';
import { type TextInput, TextInputSchema, type TextPatch } from '../../../schemas/consultation.schema.js';
import { maxLengthAt } from '../../../schemas/schema-problems.js';
import { defaultTextId } from '../../../services/consultation-input.js';
import type { FormError } from '../components/form.js';
import {
  Csrf,
  Field,
  inPageOrder,
  isChecked,
  linesOf,
  perLanguage,
  pushOnce,
  textFieldMessage,
  translationError,
  translationFieldName,
  trim,
} from './secretariat.forms.js';

/**
 * The form of a determined text of a draft circular: its body, the values as typed, the service's
 * input made of them (addText and editText check it against the text schema and their rules: a
 * designation or short name another text has, translations), and those problems at the form's
 * fields in the catalogue's words.
 */

/** A determined text of a draft circular. */
export const TextForm = Type.Object({
  _csrf: Csrf,
  designation: Field(1000),
  kind: Field(40),
  workItem: Field(1000),
  title: Field(4000),
  summary: Field(40_000),
  location: Field(1000),
  locationUrl: Field(3000),
  order: Field(40),
  a5Justification: Field(10),
  iprStatements: Field(40_000),
  // The title and summary in each UN language other than the language of record.
  'title-ar': Field(4000),
  'title-zh': Field(4000),
  'title-en': Field(4000),
  'title-fr': Field(4000),
  'title-ru': Field(4000),
  'title-es': Field(4000),
  'summary-ar': Field(40_000),
  'summary-zh': Field(40_000),
  'summary-en': Field(40_000),
  'summary-fr': Field(40_000),
  'summary-ru': Field(40_000),
  'summary-es': Field(40_000),
});
export type TextBody = Static<typeof TextForm>;

/** The text form's largest body: five summaries of up to 20,000 characters each, besides the title and summary. */
export const TEXT_FORM_BODY_LIMIT = 2 * 1024 * 1024;

/** Removing a text: the first post asks, the second (`confirm=yes`) removes. */
export const RemoveTextForm = Type.Object({ _csrf: Csrf, confirm: Field(10) });

/** The text form's values, as typed. */
export interface TextValues {
  readonly designation: string;
  readonly kind: string;
  readonly workItem: string;
  readonly title: string;
  readonly summary: string;
  readonly location: string;
  readonly locationUrl: string;
  readonly order: string;
  readonly a5Justification: boolean;
  readonly iprStatements: string;
  /** The title and summary per other language, as typed ('' where not translated). */
  readonly translations: Readonly<Record<UnLanguage, { readonly title: string; readonly summary: string }>>;
}

/** A new text's form, placed at the end of Annex 1. */
export function blankText(nextOrder: number): TextValues {
  return {
    designation: '',
    kind: 'new',
    workItem: '',
    title: '',
    summary: '',
    location: '',
    locationUrl: '',
    order: String(nextOrder),
    a5Justification: false,
    iprStatements: '',
    translations: perLanguage(() => ({ title: '', summary: '' })),
  };
}

/** A text's stored translations, per language ('' where none). */
function textTranslationsOf(
  translations: DeterminedText['translations'],
): Record<UnLanguage, { title: string; summary: string }> {
  return Object.fromEntries(
    UN_LANGUAGES.map((language) => [
      language,
      { title: translations[language]?.title ?? '', summary: translations[language]?.summary ?? '' },
    ]),
  ) as Record<UnLanguage, { title: string; summary: string }>;
}

/** A stored text as its form shows it. */
export function textValues(text: DeterminedText): TextValues {
  return {
    designation: text.designation,
    kind: text.kind,
    workItem: text.workItem ?? '',
    title: text.title,
    summary: text.summary ?? '',
    location: text.location,
    locationUrl: text.locationUrl ?? '',
    order: String(text.order),
    a5Justification: text.a5Justification,
    iprStatements: text.iprStatements.join('\n'),
    translations: textTranslationsOf(text.translations),
  };
}

export const TEXT_LABELS = {
  designation: 'sec.text.designation.label',
  kind: 'sec.text.kind.legend',
  workItem: 'sec.text.workItem.label',
  title: 'sec.text.title.label',
  summary: 'sec.text.summary.label',
  location: 'sec.text.location.label',
  locationUrl: 'sec.text.locationUrl.label',
  order: 'sec.text.order.label',
  a5Justification: 'sec.text.a5Justification.label',
  iprStatements: 'sec.text.iprStatements.label',
} as const satisfies Record<string, MessageId>;
export type TextField = keyof typeof TEXT_LABELS;

/**
 * Reads the text form into the service's input. `stored`: the text being edited, whose
 * translations stay when a client posts none.
 */
export function readTextForm(
  body: TextBody,
  stored?: Pick<DeterminedText, 'translations'>,
): { values: TextValues; input: TextInput } {
  const translationsPosted = UN_LANGUAGES.some(
    (language) =>
      body[translationFieldName('title', language)] !== undefined ||
      body[translationFieldName('summary', language)] !== undefined,
  );
  const values: TextValues = {
    designation: trim(body.designation),
    kind: trim(body.kind),
    workItem: trim(body.workItem),
    title: trim(body.title),
    summary: (body.summary ?? '').trim(),
    location: trim(body.location),
    locationUrl: trim(body.locationUrl),
    order: trim(body.order),
    a5Justification: isChecked(body.a5Justification),
    iprStatements: (body.iprStatements ?? '').trim(),
    translations: translationsPosted
      ? (Object.fromEntries(
          UN_LANGUAGES.map((language) => [
            language,
            {
              title: trim(body[translationFieldName('title', language)]),
              summary: trim(body[translationFieldName('summary', language)]),
            },
          ]),
        ) as Record<UnLanguage, { title: string; summary: string }>)
      : stored
        ? textTranslationsOf(stored.translations)
        : perLanguage(() => ({ title: '', summary: '' })),
  };
  const translations: NonNullable<TextInput['translations']> = {};
  for (const language of UN_LANGUAGES) {
    const { title, summary } = values.translations[language];
    if (title !== '' || summary !== '')
      translations[language] = { ...(title !== '' && { title }), ...(summary !== '' && { summary }) };
  }
  const input: TextInput = {
    // A kind that is not one of the four is the schema's to refuse.
    kind: values.kind as TextKind,
    designation: values.designation,
    workItem: values.workItem === '' ? null : values.workItem,
    title: values.title,
    summary: values.summary === '' ? null : values.summary,
    location: values.location,
    locationUrl: values.locationUrl === '' ? null : values.locationUrl,
    a5Justification: values.a5Justification,
    iprStatements: linesOf(values.iprStatements),
    // Not a whole number: NaN, which the schema refuses at /order.
    ...(values.order !== '' && { order: /^\d{1,9}$/.test(values.order) ? Number(values.order) : Number.NaN }),
    // Only what the form posted: a client without these fields leaves them as they are.
    ...(translationsPosted && { translations }),
  };
  return { values, input };
}

/** Every field of a text, as a patch. */
export function textPatchOf(input: TextInput): TextPatch {
  const { id: _id, ...patch } = input;
  return patch;
}

/** A one-line or free-text field of the form, and its message when left empty. */
const TEXT_FIELDS: Readonly<Record<string, readonly [TextField, MessageId | null]>> = {
  '/designation': ['designation', 'sec.text.designation.missing'],
  '/workItem': ['workItem', null],
  '/title': ['title', 'sec.text.title.missing'],
  '/summary': ['summary', null],
  '/location': ['location', 'sec.text.location.missing'],
};

/**
 * The problems of addText or editText at the text form's fields, in the catalogue's words.
 * `others`: the circular's other texts (a designation's short name may be another's).
 */
export function textErrors(
  locale: Locale,
  problems: readonly FieldProblem[],
  values: TextValues,
  languageOfRecord: string,
  others: readonly DeterminedText[],
): FormError[] {
  const errors: FormError[] = [];
  const at = (field: TextField, message: string) => pushOnce(errors, { field: `field-${field}`, message });
  // The same designation also makes the same short name: say the designation's problem alone.
  const sameDesignation = problems.some((p) => p.field === '/designation' && p.code === 'CONFLICT');
  for (const problem of problems) {
    const field = problem.field;
    if (sameDesignation && field === '/id') continue;
    const translation = translationError(
      locale,
      problem,
      'title',
      languageOfRecord,
      (f) => maxLengthAt(TextInputSchema, `/translations/en/${f}`) ?? 0,
    );
    if (translation) pushOnce(errors, translation);
    else if (field === '/designation' && problem.code === 'CONFLICT')
      at('designation', t(locale, 'sec.text.designation.duplicate', { designation: values.designation }));
    else if (field === '/id' && problem.code === 'CONFLICT') {
      // A new text's short name is made from its designation: another text has that short name.
      const other = others.find((o) => o.id === defaultTextId(values.designation));
      at(
        'designation',
        t(locale, 'sec.text.designation.sameId', {
          designation: values.designation,
          other: other?.designation ?? '',
        }),
      );
    } else if (field === '/locationUrl') at('locationUrl', t(locale, 'sec.text.locationUrl.invalid'));
    else if (TEXT_FIELDS[field]) {
      const [name, missing] = TEXT_FIELDS[field]!;
      const label = t(locale, TEXT_LABELS[name]);
      at(
        name,
        textFieldMessage(locale, problem, values[name] as string, label, missing, maxLengthAt(TextInputSchema, field)),
      );
    } else if (field === '/kind') at('kind', t(locale, 'sec.text.kind.missing'));
    else if (field === '/order') at('order', t(locale, 'sec.text.order.invalid'));
    else if (field.startsWith('/iprStatements')) at('iprStatements', t(locale, 'sec.text.iprStatements.invalid'));
    else pushOnce(errors, { message: t(locale, 'sec.field.rejectedForm') });
  }
  return errors.length > 0 ? inPageOrder(errors, PAGE_ORDER) : [{ message: t(locale, 'sec.field.rejectedForm') }];
}

/** The fields in the order the page shows them: the error summary lists problems in that order. */
const PAGE_ORDER: readonly string[] = [
  'designation',
  'workItem',
  'kind',
  'title',
  'summary',
  ...UN_LANGUAGES.flatMap((language) => [
    translationFieldName('title', language),
    translationFieldName('summary', language),
  ]),
  'location',
  'locationUrl',
  'order',
  'iprStatements',
];
