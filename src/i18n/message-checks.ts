import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';

/**
 * The checks every translated message passes, in one place: the catalogue tests
 * (test/web/i18n.test.ts) run them over every locale, and the import of a reviewed XLIFF file
 * (services/translations) runs them over each changed target before anything is written.
 *
 * - the message parses as ICU MessageFormat;
 * - it takes the same placeholders as the reference (English) message: arguments, numbers,
 *   dates, times, plurals, selects, and tags, nested ones included;
 * - each cardinal plural gives every plural category of its language (Intl.PluralRules).
 */

/** Stable codes of a message's problems (domain/errors.ts catalogues them). */
export type MessageProblemCode =
  | 'MESSAGE_EMPTY'
  | 'MESSAGE_SYNTAX'
  | 'MESSAGE_PLACEHOLDERS'
  | 'MESSAGE_PLURAL_CATEGORIES';

/** One problem of a message, with what the words need (no words here: the edges word codes). */
export interface MessageProblem {
  readonly code: MessageProblemCode;
  /** MESSAGE_SYNTAX: the parser's error kind; MESSAGE_PLACEHOLDERS: the reference's placeholders; MESSAGE_PLURAL_CATEGORIES: the plural's argument. */
  readonly detail: string;
  /** MESSAGE_PLACEHOLDERS: the message's placeholders; MESSAGE_PLURAL_CATEGORIES: the missing categories. */
  readonly found?: string;
}

/** The parsed message, or null when it is not ICU MessageFormat. */
export function parseMessage(text: string): MessageFormatElement[] | null {
  try {
    return parse(text);
  } catch {
    return null;
  }
}

/** The names of the placeholders a parsed message takes (nested ones and tags included), sorted, each once. */
export function placeholdersOf(elements: readonly MessageFormatElement[]): string[] {
  const names = new Set<string>();
  const walk = (list: readonly MessageFormatElement[]) => {
    for (const element of list) {
      if (
        element.type === TYPE.argument ||
        element.type === TYPE.number ||
        element.type === TYPE.date ||
        element.type === TYPE.time ||
        element.type === TYPE.plural ||
        element.type === TYPE.select ||
        element.type === TYPE.tag
      )
        names.add(element.value);
      if (element.type === TYPE.plural || element.type === TYPE.select)
        for (const option of Object.values(element.options)) walk(option.value);
      if (element.type === TYPE.tag) walk(element.children);
    }
  };
  walk(elements);
  return [...names].sort();
}

/** The cardinal plurals of a parsed message, nested ones included, with the categories they give. */
export function pluralsOf(elements: readonly MessageFormatElement[]): { value: string; categories: string[] }[] {
  const found: { value: string; categories: string[] }[] = [];
  for (const element of elements) {
    if (element.type === TYPE.plural && element.pluralType !== 'ordinal')
      found.push({ value: element.value, categories: Object.keys(element.options) });
    if (element.type === TYPE.plural || element.type === TYPE.select)
      for (const option of Object.values(element.options)) found.push(...pluralsOf(option.value));
    if (element.type === TYPE.tag) found.push(...pluralsOf(element.children));
  }
  return found;
}

/**
 * The problems of `text`, a message of `locale`, against `reference`, the same message in the
 * reference language (English, or the text it was translated from). Empty: the message is fine.
 */
export function checkMessage(locale: string, text: string, reference: string): MessageProblem[] {
  if (text.trim() === '') return [{ code: 'MESSAGE_EMPTY', detail: '' }];
  let elements: MessageFormatElement[];
  try {
    elements = parse(text);
  } catch (error) {
    return [{ code: 'MESSAGE_SYNTAX', detail: (error as Error).message }];
  }
  const problems: MessageProblem[] = [];
  const referenceElements = parseMessage(reference);
  if (referenceElements !== null) {
    const mine = placeholdersOf(elements).join(', ');
    const theirs = placeholdersOf(referenceElements).join(', ');
    if (mine !== theirs) problems.push({ code: 'MESSAGE_PLACEHOLDERS', detail: theirs, found: mine });
  }
  const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
  for (const plural of pluralsOf(elements)) {
    const missing = categories.filter((category) => !plural.categories.includes(category));
    if (missing.length > 0)
      problems.push({ code: 'MESSAGE_PLURAL_CATEGORIES', detail: plural.value, found: missing.join(', ') });
  }
  return problems;
}
