import { MEMBER_STATES, type MemberStateRecord, type UnLanguage } from './member-states.data.js';

/**
 * Member State designations per language, and lists of them sorted as a reader of that language
 * expects. Pure: no I/O, no clock; the only environment input is the ICU collation data shipped with
 * Node (full ICU), which is the same on every supported machine.
 */

/** The six UN/ITU official languages, in the UN's order (Arabic, Chinese, English, French, Russian, Spanish). */
export const UN_LANGUAGES: readonly UnLanguage[] = ['ar', 'zh', 'en', 'fr', 'ru', 'es'];

/** A Member State as shown in one language: its code and its designation in that language. */
export interface MemberStateDesignation {
  readonly code: string;
  readonly name: string;
  readonly record: MemberStateRecord;
}

const BY_CODE: ReadonlyMap<string, MemberStateRecord> = new Map(MEMBER_STATES.map((r) => [r.code, r]));

function isUnLanguage(value: string): value is UnLanguage {
  return (UN_LANGUAGES as readonly string[]).includes(value);
}

/**
 * The UN language a locale asks for: the primary subtag of a BCP 47 tag ("fr-CH" → fr,
 * "zh-Hans-CN" → zh, "AR" → ar); English for anything else (an unsupported language, an empty or
 * malformed tag), because English is the reference language of every Assent catalogue.
 */
export function unLanguageOf(locale: string): UnLanguage {
  const primary = locale.trim().split(/[-_]/u)[0]?.toLowerCase() ?? '';
  return isUnLanguage(primary) ? primary : 'en';
}

/**
 * The ITU designation of the Member State `code` (ISO 3166-1 alpha-2, any case) in the language of
 * `locale`, or in English when the locale is not one of the six UN languages. Undefined when the
 * code is not in the curated list, so the caller decides what to show (usually the code itself).
 */
export function designation(
  code: string,
  locale: string,
  states: readonly MemberStateRecord[] = MEMBER_STATES,
): string | undefined {
  const record =
    states === MEMBER_STATES ? BY_CODE.get(code.toUpperCase()) : states.find((r) => r.code === code.toUpperCase());
  return record?.names[unLanguageOf(locale)];
}

// One collator per language: constructing an Intl.Collator is the costly part of a comparison.
const collators = new Map<UnLanguage, Intl.Collator>();

/**
 * The collator used to sort designations in the language of `locale`. It is built from the bare
 * language tag (never the region) so that every reader of a language sees the same order:
 * Arabic, French, Russian and Spanish use ICU's standard CLDR collation for the language; Chinese
 * uses ICU's default for `zh`, which is pinyin (designations ordered by the romanised reading of
 * their characters: 阿富汗 "Afuhan" before 巴西 "Baxi" before 中国 "Zhongguo"), not stroke count.
 */
export function designationCollator(locale: string): Intl.Collator {
  const language = unLanguageOf(locale);
  let collator = collators.get(language);
  if (collator === undefined) {
    collator = new Intl.Collator(language, { usage: 'sort', sensitivity: 'variant' });
    collators.set(language, collator);
  }
  return collator;
}

/**
 * The Member States (and observer) with their designations in the language of `locale`, sorted by
 * that language's collation (see designationCollator). Ties, which the curated list does not have,
 * would fall back to code order, so the result is deterministic. Pass `states` to sort a subset
 * (for example only those that may reply); the list given is not modified.
 */
export function sortedMemberStates(
  locale: string,
  states: readonly MemberStateRecord[] = MEMBER_STATES,
): MemberStateDesignation[] {
  const language = unLanguageOf(locale);
  const collator = designationCollator(language);
  return states
    .map((record) => ({ code: record.code, name: record.names[language], record }))
    .sort((a, b) => collator.compare(a.name, b.name) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}
