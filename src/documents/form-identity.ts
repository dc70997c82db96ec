/**
 * How a generated Annex 2 reply form in Word says what it is (issue 18, part 2), so that a form an
 * Administration returns can be read back without guessing: the document carries a custom
 * property naming the consultation, its procedure and, per text, the boxes the form offers; each
 * box is a Word check-box content control tagged with its text and choice. Tags and the property
 * survive an Administration's editing of the words around them (Word keeps a content control's
 * tag when its box is ticked, and a document's custom properties when it is saved). Pure.
 */

/** The name of the DOCX custom property that identifies a form. */
export const FORM_PROPERTY = 'AssentForm';
/** The version of the identity's format. */
export const FORM_FORMAT = 'assent-form/1';

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

/** The identity as the custom property's value (JSON). */
export function formIdentityValue(identity: FormIdentity): string {
  return JSON.stringify(identity);
}

/** The identity read from the custom property's value, or null when it is not one (absent, edited, another format). */
export function parseFormIdentity(value: string | null | undefined): FormIdentity | null {
  if (!value) return null;
  try {
    const parsed = JSON.parse(value) as Partial<FormIdentity>;
    const texts = parsed.texts;
    if (
      parsed.format !== FORM_FORMAT ||
      typeof parsed.consultationId !== 'string' ||
      typeof parsed.procedure !== 'string' ||
      typeof parsed.fields !== 'object' ||
      parsed.fields === null ||
      !Object.values(parsed.fields).every((placeholder) => typeof placeholder === 'string') ||
      !Array.isArray(texts) ||
      !texts.every(
        (text) =>
          typeof text?.id === 'string' &&
          Array.isArray(text.choices) &&
          text.choices.every(
            (choice: { id?: unknown; options?: unknown }) =>
              typeof choice?.id === 'string' &&
              Array.isArray(choice.options) &&
              choice.options.every((option: unknown) => typeof option === 'string'),
          ),
      )
    )
      return null;
    return parsed as FormIdentity;
  } catch {
    return null;
  }
}
