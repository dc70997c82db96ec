import type { FieldProblem } from '../errors.js';
import { isAcceptableText } from '../text/input-text.js';

/**
 * Who takes part in a consultation, and in which class (issue 12, "Participants"). A participant is
 * a Member State or an organisation of another class (an ITU-T Sector Member, an Associate,
 * Academia, a national body…); the registry holds each with its class and its standing (data).
 * A procedure declares the classes it consults and what each one's replies do; its eligibility
 * rule decides on one participant.
 */

/** The class of the Member States, which every ITU consultation consults. */
export const MEMBER_STATE_CLASS = 'member-state';

/** A class of participant a procedure consults (GET /api/v1/procedures lists them). */
export interface ParticipantClassDefinition {
  /** The class id, stored with each participant (`member-state`, `sector-member`…); its words are the procedure's `class.<id>`. */
  readonly id: string;
  /**
   * Whether the replies of this class enter the decision rule on the replies. A class that is
   * consulted without counting (e.g. informed, or whose comments are only read) is still shown in
   * the results split by class.
   */
  readonly counted: boolean;
  /**
   * Whether a delegation of this class may oppose a text at the meeting (and so ask for more time
   * and send formal opposition after it). Naming one of another class as opposing is refused with
   * MAY_NOT_OPPOSE (e.g. A.8 §5.4: a Sector Member's opposition is not counted). An observer never
   * opposes whatever its class: it is not a participant at all.
   */
  readonly mayOppose: boolean;
}

/**
 * A participant's code: a Member State's ISO 3166-1 alpha-2 code (two capital letters), or an
 * organisation's code of 3 to 24 capital letters and digits, in hyphen-separated words
 * (`ERICSSON`, `UNI-GENEVA`). Codes name participants in addresses, receipts and audit subjects.
 */
export const PARTICIPANT_CODE_PATTERN = '^[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*$';
export const PARTICIPANT_CODE_MAX_LENGTH = 24;

const PARTICIPANT_CODE = new RegExp(PARTICIPANT_CODE_PATTERN);

/** Whether a string is a participant's code (of either form). */
export function isParticipantCode(code: string): boolean {
  return code.length >= 2 && code.length <= PARTICIPANT_CODE_MAX_LENGTH && PARTICIPANT_CODE.test(code);
}

/** Whether a participant's code is of a Member State's form (two capital letters). */
export function isMemberStateCode(code: string): boolean {
  return /^[A-Z]{2}$/.test(code);
}

/** The class definition a procedure gives `participantClass`, or undefined when it does not consult that class. */
export function consultedClass(
  classes: readonly ParticipantClassDefinition[],
  participantClass: string,
): ParticipantClassDefinition | undefined {
  return classes.find((c) => c.id === participantClass);
}

/** What the secretariat gives to register an organisation as a participant. */
export interface NewParticipant {
  readonly code: string;
  readonly participantClass: string;
  /** Its name by UN language; English required. */
  readonly names: Readonly<Record<string, string>>;
}

/** The longest name a participant may have, in any language. */
export const PARTICIPANT_NAME_MAX_LENGTH = 200;

/**
 * The problems of registering an organisation (pure). `classes` are the classes some registered
 * procedure consults. The Member States are not registered this way: they come from the curated
 * list, and a two-letter code is theirs (ISO 3166-1 alpha-2), so an organisation's has 3 or more
 * characters. A name is given in English at least, in the UN languages only, on one line.
 */
export function checkNewParticipant(
  participant: NewParticipant,
  classes: readonly string[],
  languages: readonly string[],
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!isParticipantCode(participant.code) || isMemberStateCode(participant.code))
    problems.push({
      field: '/code',
      message: `An organisation's code is 3 to ${PARTICIPANT_CODE_MAX_LENGTH} capital letters and digits, words joined by hyphens (two letters are a Member State's)`,
      code: 'VALIDATION_FAILED',
    });
  const others = classes.filter((c) => c !== MEMBER_STATE_CLASS);
  if (!others.includes(participant.participantClass))
    problems.push({
      field: '/participantClass',
      message:
        participant.participantClass === MEMBER_STATE_CLASS
          ? 'Member States come from the curated list (assent seed), not from a registration'
          : others.length === 0
            ? 'No registered procedure consults a class of participant other than the Member States'
            : `No registered procedure consults this class; the classes they consult: ${others.join(', ')}`,
      code: 'UNKNOWN_PARTICIPANT_CLASS',
    });
  const en = participant.names.en;
  if (en === undefined || en.trim() === '')
    problems.push({ field: '/names/en', message: 'The name in English is required', code: 'VALIDATION_FAILED' });
  for (const [language, name] of Object.entries(participant.names)) {
    if (!languages.includes(language))
      problems.push({
        field: `/names/${language}`,
        message: `Not one of the UN languages: ${languages.join(', ')}`,
        code: 'VALIDATION_FAILED',
      });
    else if (name.trim() === '' && language !== 'en')
      problems.push({
        field: `/names/${language}`,
        message: 'Empty: leave the language out',
        code: 'VALIDATION_FAILED',
      });
    else if (name.length > PARTICIPANT_NAME_MAX_LENGTH || !isAcceptableText(name, 'line'))
      problems.push({
        field: `/names/${language}`,
        message: `One line of at most ${PARTICIPANT_NAME_MAX_LENGTH} characters, without control, bidirectional or invisible characters`,
        code: 'VALIDATION_FAILED',
      });
  }
  return problems;
}
