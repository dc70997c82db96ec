import type { FormIdentity, FormStamp } from '../../documents/form-identity.js';
import { type FormReading, isPdf, readReturnedForm, type TextFlag } from '../../documents/read-returned-form.js';
import { sha256Hex } from '../../domain/canonical.js';
import { formIdentity } from '../../documents/reply-form.js';
import { isLocale } from '../../i18n/i18n.js';
import type { StoredMemberState } from '../../domain/member-states/member-state.js';
import { AppError, type ErrorCode } from '../../domain/errors.js';
import { DOCX_MEDIA_TYPE, judgeAttachmentContent } from '../attachment-content.js';
import type { Actor } from '../../domain/policy/actor.js';
import { authorize } from '../../domain/policy/policy.js';
import type { PositionInput } from '../../domain/reply/reply.js';
import { listMemberStates } from '../../repositories/member-state.repository.js';
import { loadConsultation } from '../load-consultation.js';
import { recordReplyWithOriginal } from '../record-reply.js';
import type { ReplyReceipt } from '../reply-writer.js';
import type { ServiceContext } from '../service-context.js';

/**
 * Intake of a reply form returned as a Word file (issue 18, part 2): what the file says, as a
 * proposed recorded reply for the secretariat to confirm or correct, each value marked as read
 * from the file; then, once confirmed, the reply recorded with the file as its original.
 */

/** A State named in a form, and the Member State it was matched to. */
export interface StateReading {
  /** What the Administration typed after "Administration of". */
  readonly typed: string | null;
  /** The Member State whose code or designation (in any of the six languages) it is exactly; null when none or several. */
  readonly code: string | null;
  /** Why no State was matched: nothing typed, or no Member State (or more than one) of that designation. */
  readonly problem: 'STATE_MISSING' | 'STATE_NOT_FOUND' | 'STATE_AMBIGUOUS' | null;
}

/** What a returned form proposes to record, every value as read from the file. */
export interface IntakeProposal {
  readonly consultationId: string;
  /** SHA-256 of the form read (the original the reply would be recorded with). */
  readonly sha256: string;
  /** The e-mail that carried the form, when an .eml was given: its sender, subject and date, as received. */
  readonly email: {
    readonly from: string | null;
    readonly subject: string | null;
    readonly date: string | null;
  } | null;
  readonly state: StateReading;
  /** The signature's name and title (else the "From" block's), as typed. */
  readonly signatory: { readonly name: string | null; readonly title: string | null };
  /** "[Place,] [Date]" as typed; the secretariat enters the day (its wording varies with the language). */
  readonly placeAndDate: string | null;
  /** Per text: the position read, and what the secretariat must look at. */
  readonly texts: readonly {
    readonly textId: string;
    readonly designation: string;
    readonly position: string | null;
    readonly option: string | null;
    readonly flags: readonly TextFlag[];
  }[];
  /** The form's fields no longer in the file, and boxes of texts the form does not list. */
  readonly missingFields: readonly string[];
  readonly unknownBoxes: readonly string[];
  /** The positions that would be recorded: a contradictory text as the procedure's choice for an unreadable form. */
  readonly positions: readonly PositionInput[];
  /** The form itself, Word or PDF (the file, or the e-mail's attachment): what a recorded reply keeps as its original. */
  readonly form: Uint8Array;
}

/** Letters only, lower case, without accents or punctuation: how a typed designation is compared. */
function comparable(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * A designation as it is listed and as a sentence says it: ITU lists inverted forms ("Korea
 * (Republic of)", "Corée (République de)"), which an Administration writes in their natural order
 * ("Republic of Korea").
 */
function readings(designation: string): string[] {
  const inverted = /^(.+?)\s*\((.+)\)$/u.exec(designation.trim());
  return inverted ? [designation, `${inverted[2]} ${inverted[1]}`] : [designation];
}

/**
 * The Member State an Administration named: exactly its code (ISO alpha-2 or alpha-3) or one of its
 * designations in the six languages, as listed or in natural order, compared without case,
 * accents or punctuation. Nothing else is tried: a near miss is left to the secretariat.
 */
export function matchState(typed: string | null, states: readonly StoredMemberState[]): StateReading {
  if (typed === null) return { typed, code: null, problem: 'STATE_MISSING' };
  const wanted = comparable(typed);
  const matches = states.filter(
    (state) =>
      comparable(state.code) === wanted ||
      comparable(state.iso3) === wanted ||
      Object.values(state.names).some((name) => readings(name).some((reading) => comparable(reading) === wanted)),
  );
  if (matches.length === 1) return { typed, code: matches[0]!.code, problem: null };
  return { typed, code: null, problem: matches.length === 0 ? 'STATE_NOT_FOUND' : 'STATE_AMBIGUOUS' };
}

const unreadable = (code: ErrorCode, detail: string): never => {
  throw new AppError('FORM_UNREADABLE', detail, { errors: [{ field: '/file', message: detail, code }] });
};

/** An e-mail message as received (RFC 5322), rather than a Word file: its first line is a header field. */
/** Whether a judged file is one a returned form comes as: a Word document or a PDF. */
function isFormMediaType(judgement: ReturnType<typeof judgeAttachmentContent>): boolean {
  return (
    'mediaType' in judgement && (judgement.mediaType === DOCX_MEDIA_TYPE || judgement.mediaType === 'application/pdf')
  );
}

function looksLikeEmail(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.subarray(0, 2048)).toString('latin1');
  return (
    /^[A-Za-z][A-Za-z0-9-]*:[ \t]/.test(head) &&
    /^(?:from|mime-version|content-type|received|return-path|date|subject):/im.test(head)
  );
}

/**
 * The form a file holds: the file itself (a DOCX or a PDF), or the one attachment of an e-mail
 * (.eml) that is this consultation's returned form. Every file is judged first with bounded costs
 * (attachment-content.ts: size, entries, what a package unpacks to, no macros), so a form is only
 * opened once it is known to be a safe Word document or a PDF.
 */
async function formOf(
  bytes: Uint8Array,
  consultationId: string,
  identityOf: (stamp: FormStamp) => FormIdentity | null,
  maxBytes: number,
  wholeMaxBytes: number,
): Promise<{ form: Uint8Array; email: IntakeProposal['email']; reading: FormReading }> {
  if (bytes.length === 0) unreadable('NOT_A_FORM_DOCUMENT', 'The file is empty');
  if (bytes.length > wholeMaxBytes) unreadable('PAYLOAD_TOO_LARGE', `Files are limited to ${wholeMaxBytes} bytes`);
  if (!looksLikeEmail(bytes)) {
    if (bytes.length > maxBytes) unreadable('PAYLOAD_TOO_LARGE', `Files are limited to ${maxBytes} bytes`);
    const judgement = judgeAttachmentContent(bytes);
    if ('refused' in judgement) unreadable('NOT_A_FORM_DOCUMENT', `The file is refused: ${judgement.refused}`);
    if (!isFormMediaType(judgement))
      unreadable('NOT_A_FORM_DOCUMENT', 'The file is not a Word document (DOCX), a PDF or an e-mail (.eml)');
    return { form: bytes, email: null, reading: await readReturnedForm(bytes, identityOf, consultationId) };
  }
  const { simpleParser } = await import('mailparser');
  const message = await simpleParser(Buffer.from(bytes));
  // Each Word or PDF attachment judged and read once; the forms of this consultation kept with their reading.
  const candidates = message.attachments
    .map((attachment) => new Uint8Array(attachment.content))
    .filter((content) => content.length <= maxBytes && isFormMediaType(judgeAttachmentContent(content)));
  const readings = [];
  for (const content of candidates)
    readings.push({ content, reading: await readReturnedForm(content, identityOf, consultationId) });
  const forms = readings.filter(
    ({ reading }) =>
      reading.ok || (reading.refusal !== 'NOT_AN_ASSENT_FORM' && reading.refusal !== 'OTHER_CONSULTATION'),
  );
  if (forms.length === 0)
    unreadable(
      'NO_FORM_ATTACHED',
      'The e-mail carries no reply form of this consultation (Word or PDF): key it in from the e-mail',
    );
  if (forms.length > 1)
    unreadable(
      'SEVERAL_FORMS_ATTACHED',
      'The e-mail carries several reply forms of this consultation: read each file on its own',
    );
  return {
    form: forms[0]!.content,
    reading: forms[0]!.reading,
    email: {
      from: message.from?.text ?? null,
      subject: message.subject ?? null,
      date: message.date ? message.date.toISOString() : null,
    },
  };
}

/**
 * Reads a returned form, Word or PDF (or the e-mail carrying it), against a consultation and proposes the
 * reply it carries.
 * @throws FORBIDDEN, NOT_FOUND; FORM_UNREADABLE (422) whose problem at `/file` says why:
 *   NOT_A_FORM_DOCUMENT, PAYLOAD_TOO_LARGE, NOT_AN_ASSENT_FORM, OTHER_CONSULTATION, FORM_EDITED,
 *   NO_FORM_ATTACHED, SEVERAL_FORMS_ATTACHED
 */
export async function proposeFromForm(
  ctx: ServiceContext,
  options: {
    readonly actor: Actor;
    readonly consultationId: string;
    readonly bytes: Uint8Array;
    /**
     * The most the whole file may weigh (default: the attachment limit). A message kept from the
     * mailbox was bounded when it arrived (MAIL_IN_MAX_BYTES); its form, like any file, stays
     * within the attachment limit.
     */
    readonly maxBytes?: number;
  },
): Promise<IntakeProposal> {
  authorize(options.actor, { action: 'reply:record' });
  const loaded = await loadConsultation(ctx.db, options.consultationId, options.actor, { within: 'reply:record' });
  // What the form offers comes from the data, in the language the form was written in.
  const identityOf = (stamp: FormStamp): FormIdentity | null =>
    stamp.consultationId === loaded.consultation.id && isLocale(stamp.locale)
      ? formIdentity(stamp.locale, loaded.consultation, loaded.texts)
      : null;
  const { form, email, reading } = await formOf(
    options.bytes,
    loaded.consultation.id,
    identityOf,
    ctx.attachmentMaxBytes,
    options.maxBytes ?? ctx.attachmentMaxBytes,
  );
  if (!reading.ok) return unreadable(reading.refusal, reading.detail);
  const designation = new Map(loaded.texts.map((text) => [text.id, text.designation]));
  // A form that contradicts itself on a text is recorded as the procedure records an unreadable form (TAP: unclear).
  const unclear = loaded.procedure.replyForm.choices.find((choice) => choice.recordedOnly)?.kind ?? null;
  const positions: PositionInput[] = [];
  for (const text of reading.texts) {
    if (text.position !== null)
      positions.push({
        text: text.textId,
        position: text.position,
        ...(text.option !== null && { option: text.option }),
      });
    else if (text.flags.includes('SEVERAL_BOXES_TICKED') && unclear !== null)
      positions.push({ text: text.textId, position: unclear });
  }
  const field = (key: string) => reading.fields[key] ?? null;
  return {
    consultationId: loaded.consultation.id,
    sha256: sha256Hex(form),
    email,
    form,
    state: matchState(field('state'), await listMemberStates(ctx.db)),
    signatory: {
      name: field('signatory.name') ?? field('from.name'),
      title: field('signatory.title') ?? field('from.title'),
    },
    placeAndDate: field('placeDate'),
    texts: reading.texts.map((text) => ({ ...text, designation: designation.get(text.textId) ?? text.textId })),
    missingFields: reading.missingFields,
    unknownBoxes: reading.unknownBoxes,
    positions,
  };
}

/**
 * Records the reply a returned form carries, once the secretariat confirmed it: the form read
 * again (the proposal is not trusted from the caller), the State as matched unless `memberState`
 * names it, the file stored as the original. A form without its State or signatory cannot be
 * recorded from the file alone: the refusal names the field (record it on the page instead).
 * @throws as proposeFromForm; VALIDATION_FAILED at `/memberState` (STATE_MISSING, STATE_NOT_FOUND,
 *   STATE_AMBIGUOUS) or `/signatory/name`, `/signatory/title` (SIGNATORY_MISSING); then as
 *   recordReplyWithOriginal
 */
export async function recordFromForm(
  ctx: ServiceContext,
  options: {
    readonly actor: Actor;
    readonly consultationId: string;
    readonly bytes: Uint8Array;
    readonly filename: string;
    readonly receivedAt: string;
    readonly channel: 'email' | 'fax' | 'paper';
    readonly memberState?: string | undefined;
  },
): Promise<{ proposal: IntakeProposal; receipt: ReplyReceipt }> {
  const proposal = await proposeFromForm(ctx, options);
  const memberState = options.memberState ?? proposal.state.code;
  const problems = [
    ...(memberState === null
      ? [
          {
            field: '/memberState',
            message: 'The form names no Member State that could be matched',
            code: proposal.state.problem!,
          },
        ]
      : []),
    ...(proposal.signatory.name === null
      ? [{ field: '/signatory/name', message: 'The form has no signatory name', code: 'SIGNATORY_MISSING' as const }]
      : []),
    ...(proposal.signatory.title === null
      ? [{ field: '/signatory/title', message: 'The form has no signatory title', code: 'SIGNATORY_MISSING' as const }]
      : []),
  ];
  if (problems.length > 0)
    throw new AppError('VALIDATION_FAILED', 'The form lacks what a recorded reply needs', { errors: problems });
  const receipt = await recordReplyWithOriginal(ctx, {
    actor: options.actor,
    consultationId: options.consultationId,
    memberState: memberState!,
    input: {
      channel: options.channel,
      receivedAt: options.receivedAt,
      positions: [...proposal.positions],
      signatory: { name: proposal.signatory.name!, title: proposal.signatory.title! },
    },
    // The form is the original: the file itself, or the e-mail's attachment.
    original: {
      filename:
        proposal.email === null
          ? options.filename
          : options.filename.replace(/\.eml$/i, isPdf(proposal.form) ? '.pdf' : '.docx'),
      content: proposal.form,
    },
  });
  return { proposal, receipt };
}
