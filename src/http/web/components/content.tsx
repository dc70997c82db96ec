import type { VNode } from 'preact';
import type { UnLanguage } from '../../../domain/member-states/member-states.data.js';
import { intlFor, type Locale, type MessageId, t } from '../../../i18n/i18n.js';
import type { ContentNoticeView, ContentView, NoticeItem } from '../presenters/content.presenter.js';

/**
 * How pages show a circular's content in several languages (presenters/content.presenter.ts):
 * each value in an element carrying its language when it is not the page's, and one notice per
 * page saying what is not yet available in the page's language. The notice's messages are the
 * public area's (`public.content.*`), shared by every area's pages.
 */

type ContentTag = 'span' | 'p' | 'strong' | 'dd' | 'td' | 'bdi';

/**
 * A piece of content in an element with its `lang` (and `dir` when the direction differs from
 * the page's, e.g. Arabic in an English page): an element with `dir` is isolated, so it cannot
 * reorder the sentence around it.
 */
export function Content({
  of,
  as: Tag = 'span',
  class: className,
  id,
}: {
  of: ContentView;
  as?: ContentTag;
  class?: string;
  id?: string;
}) {
  return (
    <Tag lang={of.lang} dir={of.dir} class={className} id={id}>
      {of.value}
    </Tag>
  );
}

/** A language's name in the page's language ("French" on an English page, "anglais" on a French one). */
export function languageName(locale: Locale, language: UnLanguage): string {
  return new Intl.DisplayNames([locale], { type: 'language' }).of(language) ?? language;
}

/**
 * A catalogue message whose values may be elements (a designation in its `<bdi>`): formatted by
 * ICU, the elements kept as they are.
 */
export function richMessage(
  locale: Locale,
  id: MessageId,
  values: Readonly<Record<string, string | VNode>>,
): string | (string | VNode)[] {
  // The typed overloads of formatMessage take primitives; with element values it returns the parts.
  const format = intlFor(locale).formatMessage as (
    descriptor: { id: string },
    values: Readonly<Record<string, string | VNode>>,
  ) => string | (string | VNode)[];
  return format({ id }, values);
}

/** A list of elements joined as the page's language joins a list ("a, b and c"). */
function richList(locale: Locale, items: readonly VNode[]): string | (string | VNode)[] {
  const format = intlFor(locale).formatList as (
    items: readonly VNode[],
    options: { type: 'conjunction' },
  ) => string | (string | VNode)[];
  return format(items, { type: 'conjunction' });
}

const ITEM_MESSAGES: Readonly<Record<Exclude<NoticeItem['kind'], 'circularField'>, MessageId>> = {
  allCircularFields: 'public.content.field.allCircularFields',
  subject: 'public.content.field.subject',
  subjectOf: 'public.content.field.subjectOf',
  allSubjects: 'public.content.field.allSubjects',
  title: 'public.content.field.title',
  summary: 'public.content.field.summary',
  titleAndSummary: 'public.content.field.titleAndSummary',
  allTitles: 'public.content.field.allTitles',
  allSummaries: 'public.content.field.allSummaries',
  allTitlesAndSummaries: 'public.content.field.allTitlesAndSummaries',
};

function item(locale: Locale, entry: NoticeItem): VNode {
  const values: Record<string, VNode> = {};
  if ('designation' in entry) values.designation = <bdi dir="ltr">{entry.designation}</bdi>;
  // A reference may be translated (an Arabic one runs right to left): isolated with its own direction.
  if ('reference' in entry) values.reference = <bdi>{entry.reference}</bdi>;
  if (entry.kind === 'circularField') return <>{t(locale, `public.content.field.${entry.field}`)}</>;
  return <>{richMessage(locale, ITEM_MESSAGES[entry.kind], values)}</>;
}

/** The things a notice names, joined as the page's language joins a list ("the subject and the title of X.9992"). */
export function noticeFields(locale: Locale, items: readonly NoticeItem[]): VNode {
  return (
    <>
      {richList(
        locale,
        items.map((entry) => item(locale, entry)),
      )}
    </>
  );
}

/**
 * The page's one notice of content not yet available in its language ("Not yet available in
 * French; shown in English: the subject, the title of X.9992."), one sentence per language of
 * record; nothing when everything shown is in the page's language.
 */
export function ContentNotice({ locale, notice }: { locale: Locale; notice: ContentNoticeView | null }) {
  if (notice === null) return null;
  return (
    <div class="content-notice" role="note" id="content-notice">
      {notice.groups.map((group) => {
        const sentence = richMessage(locale, 'public.content.notice', {
          language: languageName(locale, notice.language),
          languageOfRecord: languageName(locale, group.languageOfRecord),
          fields: noticeFields(locale, group.items),
        });
        return <p>{sentence}</p>;
      })}
    </div>
  );
}
