/**
 * How a generated Annex 2 reply form in Word says what it is (issue 18, part 2), so that a form an
 * Administration returns can be read back without guessing: the document carries a short custom
 * property, its stamp, naming the consultation and the form's language (desktop Word cuts a custom
 * property's value at 255 characters, so the stamp stays well under); each box is a Word
 * check-box content control tagged with its text and choice, each field to fill in a text control
 * tagged with its key. What the form offers (texts, boxes, fields and their placeholders) is
 * rebuilt from the consultation's data and the procedure (reply-form.ts, formIdentity), never
 * taken from the returned file. Pure.
 */

/** The name of the DOCX custom property that identifies a form. */
export const FORM_PROPERTY = 'AssentForm';
/** The version of the stamp's format. */
export const FORM_FORMAT = 'assent-form/1';

/** What a form's custom property says: whose form it is and in which language it was written. */
export interface FormStamp {
  readonly format: typeof FORM_FORMAT;
  readonly consultationId: string;
  readonly locale: string;
}

/** A form's identity: whose form it is and which boxes it offers, text by text. */
export interface FormIdentity {
  readonly format: typeof FORM_FORMAT;
  readonly consultationId: string;
  readonly procedure: string;
  readonly texts: readonly {
    readonly id: string;
    readonly choices: readonly { readonly id: string; readonly options: readonly string[] }[];
  }[];
  /** The text fields to fill in, by key, each with its placeholder as printed ("name": "[Name]"). */
  readonly fields: Readonly<Record<string, string>>;
}

/** The tag of a text field: `assent-field:<key>`. */
export function fieldTag(key: string): string {
  return `assent-field:${key}`;
}

/** The key a text field's tag names, or null. */
export function parseFieldTag(tag: string): string | null {
  const match = /^assent-field:([\w.-]+)$/.exec(tag);
  return match ? match[1]! : null;
}

const TAG_PREFIX = 'assent';

/** The tag of a box: `assent:<text>:<choice>`, or `assent:<text>:<choice>:<option>` for a sub-option. */
export function boxTag(textId: string, choiceId: string, optionId?: string): string {
  return [TAG_PREFIX, textId, choiceId, ...(optionId === undefined ? [] : [optionId])].join(':');
}

/** What a box's tag names, or null for a tag that is not one of Assent's boxes. */
export function parseBoxTag(tag: string): { textId: string; choiceId: string; optionId: string | null } | null {
  const parts = tag.split(':');
  if (parts[0] !== TAG_PREFIX || parts.length < 3 || parts.length > 4 || parts.some((part) => part === '')) return null;
  return { textId: parts[1]!, choiceId: parts[2]!, optionId: parts[3] ?? null };
}

/** The stamp as the custom property's value (JSON, under 255 characters for a consultation id of at most 64). */
export function formStampValue(stamp: FormStamp): string {
  return JSON.stringify(stamp);
}

/** The stamp read from the custom property's value, or null when it is not one (absent, cut, edited, another format). */
export function parseFormStamp(value: string | null | undefined): FormStamp | null {
  if (!value) return null;
  try {
    const parsed = JSON.parse(value) as Partial<FormStamp>;
    if (parsed.format !== FORM_FORMAT || typeof parsed.consultationId !== 'string' || typeof parsed.locale !== 'string')
      return null;
    return { format: FORM_FORMAT, consultationId: parsed.consultationId, locale: parsed.locale };
  } catch {
    return null;
  }
}
