import { CIRCULAR_FIELDS, type CircularField, type DeterminedText } from '../../../domain/consultation/consultation.js';
import {
  type LocalisableConsultation,
  localiseConsultation,
  type LocalisedField,
} from '../../../domain/consultation/localise.js';
import type { UnLanguage } from '../../../domain/member-states/member-states.data.js';
import { dirOf, type Locale } from '../../../i18n/i18n.js';

/**
 * A circular's content (its subject, the texts' titles and summaries) as the pages show it
 * (issue #8 item 6): in the page's language where translated, else in the circular's language of
 * record (domain/consultation/localise.ts). Each value carries the `lang` (and `dir`, when the
 * direction differs) of the element that holds it when it is not in the page's language, so that
 * screen readers pronounce it and browsers lay it out correctly; each page shows one notice saying
 * what is not yet available in its language and in which language it is shown instead.
 */

/** A piece of content as a page shows it. */
export interface ContentView {
  readonly value: string;
  /** The element's `lang`: the content's language when it differs from the page's, else undefined. */
  readonly lang: string | undefined;
  /** The element's `dir`: set only when the content's direction differs from the page's. */
  readonly dir: 'ltr' | 'rtl' | undefined;
}

/** The attributes of an element holding content in `language` on a page in `locale`. */
export interface LanguageAttributes {
  readonly lang: string | undefined;
  readonly dir: 'ltr' | 'rtl' | undefined;
}

/** `lang` and `dir` for content in `language` on a page in `locale` (both undefined when the page's own). */
export function languageAttributes(locale: string, language: string): LanguageAttributes {
  const page = locale.split('-')[0]!.toLowerCase();
  if (language === page) return { lang: undefined, dir: undefined };
  const dir = dirOf(language);
  return { lang: language, dir: dir === dirOf(locale) ? undefined : dir };
}

/** Content shown as it is, in its own language (a value the circular has in one language only). */
export function contentIn(locale: string, language: string, value: string): ContentView {
  return { value, ...languageAttributes(locale, language) };
}

function view(locale: string, field: LocalisedField<string>): ContentView {
  return contentIn(locale, field.language, field.value);
}

/** One text's title and summary as shown. */
export interface TextContentView {
  readonly designation: string;
  readonly title: ContentView;
  /** Null when the text has no summary (a corrigendum may have none). */
  readonly summary: ContentView | null;
  readonly titleFellBack: boolean;
  readonly summaryFellBack: boolean;
}

/** A list of the circular's (addressees, copies, notes) as shown: its entries and the attributes of the element holding them. */
export interface ContentListView {
  readonly entries: readonly string[];
  readonly lang: string | undefined;
  readonly dir: 'ltr' | 'rtl' | undefined;
}

/** The circular's own fields besides its subject, as shown (issue 20 item 5). */
export interface CircularContentView {
  readonly meetingPlace: ContentView;
  /** Null when the circular names no collective letter. */
  readonly collectiveLetter: ContentView | null;
  readonly addressees: ContentListView;
  readonly copies: ContentListView;
  readonly notes: ContentListView;
  /** The fields shown in the language of record because the page's language has no translation of them. */
  readonly fellBack: readonly CircularNoticeField[];
  /** True when every field the circular fills (an empty list or no collective letter aside) fell back. */
  readonly allFellBack: boolean;
}

/** The circular's fields a notice may name (the subject has its own items). */
export type CircularNoticeField = Exclude<CircularField, 'subject'>;

/** A consultation's content as shown on a page in `locale`. */
export interface ConsultationContent {
  /** The reference line in the page's language where translated, else as the record writes it (shown isolated, with its own direction). */
  readonly reference: string;
  readonly referenceView: ContentView;
  readonly languageOfRecord: UnLanguage;
  /** The language the page asked for (the page's, when it is a UN language). */
  readonly language: UnLanguage;
  readonly subject: ContentView;
  readonly subjectFellBack: boolean;
  /** By text id, for the texts given. */
  readonly texts: Readonly<Record<string, TextContentView>>;
  /** The order of the texts given. */
  readonly textIds: readonly string[];
  /** The circular's other translatable fields: meeting place, collective letter, addressees, copies, TSB notes. */
  readonly circular: CircularContentView;
  /**
   * `lang`/`dir` for the parts of the circular that exist in its language of record only (the
   * signatory, what a page shows as written): they are shown as written.
   */
  readonly record: LanguageAttributes;
}

/**
 * The subject and the given texts' titles and summaries of a consultation, in the language of
 * `locale` where translated, else in the language of record, each with its element's attributes.
 * `texts` are the ones the page shows (all of them, or only the approved ones…).
 */
export function presentContent(
  locale: Locale | string,
  consultation: LocalisableConsultation,
  texts: readonly Pick<DeterminedText, 'id' | 'designation' | 'title' | 'summary' | 'translations'>[],
): ConsultationContent {
  const localised = localiseConsultation(consultation, texts, locale);
  const list = (field: LocalisedField<readonly string[]>): ContentListView => ({
    entries: field.value,
    ...languageAttributes(locale, field.language),
  });
  const letter = localised.collectiveLetter;
  const circularFields = CIRCULAR_FIELDS.filter((field): field is CircularNoticeField => field !== 'subject');
  const byId: Record<string, TextContentView> = {};
  localised.texts.forEach((text, index) => {
    byId[text.id] = {
      designation: texts[index]!.designation,
      title: view(locale, text.title),
      summary: text.summary.value === null ? null : contentIn(locale, text.summary.language, text.summary.value),
      titleFellBack: text.title.isFallback,
      summaryFellBack: text.summary.isFallback,
    };
  });
  return {
    reference: localised.reference.value,
    referenceView: view(locale, localised.reference),
    languageOfRecord: localised.languageOfRecord,
    language: localised.language,
    subject: view(locale, localised.subject),
    subjectFellBack: localised.subject.isFallback,
    texts: byId,
    textIds: localised.texts.map((text) => text.id),
    circular: {
      meetingPlace: view(locale, localised.meetingPlace),
      collectiveLetter: letter.value === null ? null : contentIn(locale, letter.language, letter.value),
      addressees: list(localised.addressees),
      copies: list(localised.copies),
      notes: list(localised.notes),
      fellBack: circularFields.filter((field) => localised[field].isFallback),
      allFellBack: circularFields.every((field) => {
        const { value, isFallback } = localised[field];
        const filled = value !== null && value.length > 0;
        return isFallback || !filled;
      }),
    },
    record: languageAttributes(locale, localised.languageOfRecord),
  };
}

/** The title of a text as shown, or the stored title as it is when the text was not given to presentContent. */
export function titleOf(content: ConsultationContent, text: Pick<DeterminedText, 'id' | 'title'>): ContentView {
  return content.texts[text.id]?.title ?? { value: text.title, ...content.record };
}

// ---------------------------------------------------------------------------------------------
// The notice

/** One thing the notice names as shown in the language of record. */
export type NoticeItem =
  | { readonly kind: 'subject' }
  | { readonly kind: 'subjectOf'; readonly reference: string }
  | { readonly kind: 'allSubjects' }
  | { readonly kind: 'title' | 'summary' | 'titleAndSummary'; readonly designation: string }
  | { readonly kind: 'allTitles' | 'allSummaries' | 'allTitlesAndSummaries' }
  | { readonly kind: 'circularField'; readonly field: CircularNoticeField }
  | { readonly kind: 'allCircularFields' };

/** What is shown in one language of record. */
export interface NoticeGroup {
  readonly languageOfRecord: UnLanguage;
  readonly items: readonly NoticeItem[];
}

/**
 * The page's one notice: what is not yet available in the page's language (`language`), grouped
 * by the language it is shown in instead. Languages are codes; the component names them in the
 * page's language.
 */
export interface ContentNoticeView {
  readonly language: UnLanguage;
  readonly groups: readonly NoticeGroup[];
}

/** Which content a page shows (the notice names only what the reader sees). */
export interface ShownContent {
  readonly subject: boolean;
  readonly titles: boolean;
  readonly summaries: boolean;
  /** A list of consultations (even of one): each subject is named by its consultation's reference. */
  readonly list?: boolean;
  /** The circular's other fields (reference, meeting place, collective letter, addressees, copies, notes), on a page that shows the circular itself. */
  readonly circular?: boolean;
}

/**
 * The notice of a page showing `contents` (one consultation, or several on a list), or null when
 * everything shown is in the page's language. Per consultation, when every shown title (or
 * summary) fell back and there are several, they are named together ("the titles of all texts");
 * a list page names each subject by its consultation's reference.
 */
export function presentContentNotice(
  contents: readonly ConsultationContent[],
  shown: ShownContent,
): ContentNoticeView | null {
  if (contents.length === 0) return null;
  const several = contents.length > 1 || shown.list === true;
  const groups = new Map<UnLanguage, NoticeItem[]>();
  const add = (language: UnLanguage, items: readonly NoticeItem[]) => {
    if (items.length === 0) return;
    groups.set(language, [...(groups.get(language) ?? []), ...items]);
  };
  // Several consultations: subjects first (all together when all fell back), then the texts.
  if (several && shown.subject) {
    const fellBack = contents.filter((c) => c.subjectFellBack);
    const allOfThem =
      contents.length > 1 &&
      fellBack.length === contents.length &&
      new Set(contents.map((c) => c.languageOfRecord)).size === 1;
    if (allOfThem) add(contents[0]!.languageOfRecord, [{ kind: 'allSubjects' }]);
    else for (const c of fellBack) add(c.languageOfRecord, [{ kind: 'subjectOf', reference: c.reference }]);
  }
  for (const c of contents) {
    const items: NoticeItem[] = [];
    if (!several && shown.subject && c.subjectFellBack) items.push({ kind: 'subject' });
    // The circular's other fields: named together when none of them is translated.
    if (!several && shown.circular === true) {
      if (c.circular.allFellBack && c.circular.fellBack.length > 1) items.push({ kind: 'allCircularFields' });
      else for (const field of c.circular.fellBack) items.push({ kind: 'circularField', field });
    }
    const texts = c.textIds.map((id) => c.texts[id]!);
    const titles = shown.titles ? texts.filter((x) => x.titleFellBack) : [];
    const withSummary = shown.summaries ? texts.filter((x) => x.summary !== null) : [];
    const summaries = withSummary.filter((x) => x.summaryFellBack);
    const allTitles = !several && texts.length > 1 && titles.length === texts.length;
    const allSummaries = !several && withSummary.length > 1 && summaries.length === withSummary.length;
    if (allTitles && allSummaries) items.push({ kind: 'allTitlesAndSummaries' });
    else if (allTitles) {
      items.push({ kind: 'allTitles' });
      for (const x of summaries) items.push({ kind: 'summary', designation: x.designation });
    } else if (allSummaries) {
      items.push({ kind: 'allSummaries' });
      for (const x of titles) items.push({ kind: 'title', designation: x.designation });
    } else {
      for (const x of texts) {
        const title = titles.includes(x);
        const summary = summaries.includes(x);
        if (title && summary) items.push({ kind: 'titleAndSummary', designation: x.designation });
        else if (title) items.push({ kind: 'title', designation: x.designation });
        else if (summary) items.push({ kind: 'summary', designation: x.designation });
      }
    }
    add(c.languageOfRecord, items);
  }
  if (groups.size === 0) return null;
  return {
    language: contents[0]!.language,
    groups: [...groups].map(([languageOfRecord, items]) => ({ languageOfRecord, items })),
  };
}
