import Type from 'typebox';
import type { ErrorCode, FieldProblem } from '../../../domain/errors.js';
import { UN_LANGUAGES } from '../../../domain/member-states/designations.js';
import type { NewParticipant } from '../../../domain/procedure/participants.js';
import { t, type Locale } from '../../../i18n/i18n.js';
import type { FormError } from '../components/form.js';
import { Csrf, Field } from './secretariat.forms.js';

/**
 * The participants' forms (administrators): registering an organisation, and whether a
 * participant may reply. Every field is an optional bounded string; the services check what was
 * typed (registerParticipant, setEligibility) and this file places their problems at the fields,
 * in the catalogues' words, by code and field, never by their English.
 */

/** `?notice=`, the class shown and words to find. */
export const ParticipantsQuery = Type.Object({ notice: Field(40), class: Field(64), q: Field(200) });

/** A participant by code. */
export const ParticipantParams = Type.Object({ code: Type.String({ minLength: 1, maxLength: 64 }) });

/** Registering an organisation: its code, class and names (English, then the other UN languages). */
export const RegisterParticipantForm = Type.Object({
  _csrf: Csrf,
  code: Field(64),
  participantClass: Field(64),
  ...Object.fromEntries(UN_LANGUAGES.map((l) => [`name_${l}`, Field(400)])),
});

/** Whether a participant may reply, why not and since when. */
export const EligibilityForm = Type.Object({ _csrf: Csrf, mayReply: Field(5), note: Field(2000), since: Field(20) });

export interface RegisterValues {
  readonly code: string;
  readonly participantClass: string;
  /** The names as typed, by UN language. */
  readonly names: Readonly<Record<string, string>>;
}

export const BLANK_REGISTER: RegisterValues = { code: '', participantClass: '', names: {} };

/** What was typed, and the service's input: the code in capitals, the names given (blank ones left out). */
export function readRegisterForm(body: Record<string, string | undefined>): {
  values: RegisterValues;
  input: NewParticipant;
} {
  const names = Object.fromEntries(UN_LANGUAGES.map((l) => [l, body[`name_${l}`] ?? '']));
  const values = { code: (body.code ?? '').trim(), participantClass: body.participantClass ?? '', names };
  const given = Object.fromEntries(Object.entries(names).filter(([l, name]) => l === 'en' || name.trim() !== ''));
  return {
    values,
    input: { code: values.code.toUpperCase(), participantClass: values.participantClass, names: given },
  };
}

/** The codes registerParticipant refuses with, each shown at its field. */
export const REGISTER_REFUSALS: ReadonlySet<ErrorCode> = new Set([
  'VALIDATION_FAILED',
  'UNKNOWN_PARTICIPANT_CLASS',
  'PARTICIPANT_EXISTS',
]);

/** The registration's problems at their fields, in the reader's language. */
export function registerErrors(locale: Locale, problems: readonly FieldProblem[]): FormError[] {
  return problems.map((problem) => {
    if (problem.field === '/code')
      return {
        field: 'field-code',
        message: t(
          locale,
          problem.code === 'PARTICIPANT_EXISTS' ? 'sec.participants.error.exists' : 'sec.participants.error.code',
        ),
      };
    if (problem.field === '/participantClass')
      return { field: 'field-participantClass', message: t(locale, 'sec.participants.error.class') };
    const language = /^\/names\/(.+)$/.exec(problem.field)?.[1] ?? 'en';
    return {
      field: `field-name_${(UN_LANGUAGES as readonly string[]).includes(language) ? language : 'en'}`,
      message: t(locale, language === 'en' ? 'sec.participants.error.nameEn' : 'sec.participants.error.name'),
    };
  });
}

export interface EligibilityValues {
  readonly mayReply: string;
  readonly note: string;
  readonly since: string;
}

/** What was typed, and the service's input (`null` for a choice not made: the page asks for it). */
export function readEligibilityForm(body: Record<string, string | undefined>): {
  values: EligibilityValues;
  input: { mayReply: boolean; note: string | null; since: string | null } | null;
} {
  const values = { mayReply: body.mayReply ?? '', note: body.note ?? '', since: (body.since ?? '').trim() };
  if (values.mayReply !== 'yes' && values.mayReply !== 'no') return { values, input: null };
  return {
    values,
    input: {
      mayReply: values.mayReply === 'yes',
      note: values.note.trim() === '' ? null : values.note.trim(),
      since: values.since === '' ? null : values.since,
    },
  };
}

/** setEligibility's problems at their fields, in the reader's language. */
export function eligibilityErrors(locale: Locale, problems: readonly FieldProblem[]): FormError[] {
  return problems.map((problem) =>
    problem.field === '/mayReply'
      ? { field: 'field-mayReply', message: t(locale, 'sec.participants.error.observer') }
      : problem.field === '/since'
        ? {
            field: 'field-since',
            message: t(locale, 'sec.field.day.invalid', { field: t(locale, 'sec.participants.eligibility.since') }),
          }
        : { field: 'field-note', message: t(locale, 'sec.participants.error.note') },
  );
}
