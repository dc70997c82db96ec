import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { isLocale, type Locale } from '../../../i18n/i18n.js';
import {
  type CatalogueMessage,
  catalogueMessages,
  reviewedLocales,
  SOURCE_ROOT,
  summarise,
} from '../../../services/translations/catalogue-review.js';
import { pageContext } from '../page-context.js';
import { LanguagesPage, type LanguagesView } from '../pages/secretariat/languages.page.js';
import { sendPage } from '../render.js';
import type { SessionHooks, WebContext } from '../web-session.js';
import { secretariatGuards } from './circular-pages.js';
import { LanguagesQuery } from './secretariat.forms.js';

/** Messages to review per page of a language. */
export const LANGUAGE_PAGE_SIZE = 40;

/** A language's name in the reader's language ("French", "français", "法语"). */
function languageName(reader: Locale, locale: Locale): string {
  return new Intl.DisplayNames([reader], { type: 'language' }).of(locale) ?? locale;
}

/**
 * The view of the languages page from the catalogues under `sourceRoot`: every language's counts,
 * and the chosen language's messages to review (stale first, then never reviewed, in the order of
 * the catalogues), page `asked` of them.
 */
export function languagesView(
  reader: Locale,
  language: string,
  asked: number,
  sourceRoot: string = SOURCE_ROOT,
): LanguagesView {
  const byLocale = new Map(reviewedLocales().map((locale) => [locale, catalogueMessages(locale, sourceRoot)] as const));
  const summaries = [...byLocale].map(([locale, messages]) => ({
    ...summarise(locale, messages),
    name: languageName(reader, locale),
  }));
  const chosen = isLocale(language) ? byLocale.get(language) : undefined;
  if (!isLocale(language) || chosen === undefined) return { summaries, selected: null };
  const toReview = [...chosen.filter((m) => m.status === 'stale'), ...chosen.filter((m) => m.status === 'unreviewed')];
  const pages = Math.max(1, Math.ceil(toReview.length / LANGUAGE_PAGE_SIZE));
  const page = Math.min(Math.max(1, asked), pages);
  const slice = toReview.slice((page - 1) * LANGUAGE_PAGE_SIZE, page * LANGUAGE_PAGE_SIZE);
  const groups: { fileId: string; messages: ReturnType<typeof toRow>[] }[] = [];
  for (const message of slice) {
    const last = groups.at(-1);
    if (last?.fileId === message.area.fileId) last.messages.push(toRow(message));
    else groups.push({ fileId: message.area.fileId, messages: [toRow(message)] });
  }
  return {
    summaries,
    selected: { locale: language, name: languageName(reader, language), count: toReview.length, page, pages, groups },
  };
}

function toRow(message: CatalogueMessage) {
  return {
    id: message.id,
    english: message.english,
    text: message.text,
    staleReview:
      message.status === 'stale' && message.review !== undefined
        ? { reviewer: message.review.reviewer, date: message.review.at.slice(0, 10) }
        : null,
  };
}

/** The review of the languages (docs/translations.md), for the secretariat's staff. */
export const languagesRoutes: FastifyPluginAsyncTypebox<{ web: WebContext; hooks: SessionHooks }> = async (
  app,
  { web, hooks },
) => {
  const { staff } = secretariatGuards(hooks);
  app.get(
    '/secretariat/languages',
    { schema: { querystring: LanguagesQuery }, preHandler: staff },
    async (request, reply) => {
      const page = pageContext(web, request);
      const asked = /^\d{1,6}$/.test(request.query.page ?? '') ? Number(request.query.page) : 1;
      const view = languagesView(page.locale, (request.query.language ?? '').trim(), asked);
      return sendPage(reply, 200, <LanguagesPage page={page} view={view} />);
    },
  );
};
