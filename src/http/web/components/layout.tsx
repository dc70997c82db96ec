import type { ComponentChildren } from 'preact';
import type { Actor } from '../../../domain/policy/actor.js';
import { dirOf, isoInstant, t, type Locale, type MessageId } from '../../../i18n/i18n.js';
import { iconHref } from '../assets.js';
import { CSRF_FIELD } from '../csrf.js';
import { inLocale, localeHref, PAGE_LOCALES } from '../locale-url.js';
import { withNext } from '../next-page.js';

/** What every page needs besides its own view-model. */
export interface PageContext {
  readonly locale: Locale;
  /** The fingerprinted stylesheet URL. */
  readonly cssHref: string;
  /** The fingerprinted script URL (progressive enhancements only). */
  readonly jsHref: string;
  /** The signed-in, verified person, for the header's sign-out form; null on the sign-in pages. */
  readonly signedIn: {
    readonly name: string;
    readonly csrfToken: string;
    /** When the session ends if nothing more is asked of the server (idle), and in any case (epoch ms). */
    readonly idleEndsAt?: number;
    readonly endsAt?: number;
    /** The server's clock as the page was made: the script compares the ends on it. */
    readonly now?: number;
  } | null;
  /** Who reads the page (the public when nobody is signed in): the navigation depends on it. */
  readonly actor: Actor;
  /** The page's path without its locale prefix or query (the language switcher links to it). */
  readonly path: string;
  /**
   * The page's `?next=` (where signing in returns to), when it is a path of this site: the
   * language switcher keeps it, in the language switched to.
   */
  readonly next?: string | null;
  /** A site path in the page's locale: `href('/consultations/x')` → `/en/consultations/x`. */
  readonly href: (path: string) => string;
  /**
   * A site path in the URL space of this request: prefixed when the page's URL was (`/fr/login` →
   * `/fr/account`), as is when it was not (unprefixed URLs are the default language's).
   */
  readonly localPath: (path: string) => string;
  /** The organisation running the site (ORG_NAME, ORG_LOGO), in the header instead of "Assent". */
  readonly organisation?: { readonly name: string | null; readonly logoHref: string | null };
}

/** The sections of the site a reader may go to, by who they are. */
function sectionsOf(actor: Actor): readonly { readonly path: string; readonly label: MessageId }[] {
  const everyone = [{ path: '/', label: 'layout.nav.consultations' }] as const;
  if (actor.kind === 'focal_point') return [...everyone, { path: '/my', label: 'layout.nav.myState' }];
  if (actor.kind === 'secretariat') {
    return [
      ...everyone,
      { path: '/secretariat', label: 'layout.nav.secretariat' },
      ...(actor.admin
        ? ([
            { path: '/secretariat/accounts', label: 'layout.nav.accounts' },
            { path: '/secretariat/participants', label: 'layout.nav.participants' },
          ] as const)
        : []),
      { path: '/secretariat/inbox', label: 'layout.nav.inbox' },
      { path: '/secretariat/audit', label: 'layout.nav.audit' },
      { path: '/secretariat/languages', label: 'layout.nav.languages' },
    ];
  }
  return everyone;
}

/** Language names, each in its own language (a reader finds theirs whatever the page's language). */
export const LANGUAGE_NAMES: Readonly<Record<string, string>> = {
  ar: 'العربية',
  zh: '中文',
  en: 'English',
  fr: 'Français',
  ru: 'Русский',
  es: 'Español',
};

export interface LayoutProps {
  readonly page: PageContext;
  /** The page's own title: the `<h1>` and the start of `<title>`. */
  readonly title: string;
  /** True when the page shows form errors: `<title>` then starts with "Error:" (screen readers hear it first). */
  readonly hasErrors?: boolean;
  /** What a search engine or a shared link says of the page (the site's own words by default). */
  readonly description?: string;
  /**
   * A page of wide tables (the secretariat's lists): the frame takes more of a large screen, while
   * paragraphs keep their reading measure.
   */
  readonly wide?: boolean;
  /** Feeds a browser or a feed reader may discover from the page (`<link rel="alternate">`). */
  readonly feeds?: readonly { readonly href: string; readonly title: string }[];
  readonly children: ComponentChildren;
}

/**
 * What the script needs to warn a signed-in person before their session ends, and to keep it
 * alive while they type: when it ends (idle, and in any case), where to say "still here", and its
 * words in the page's language ({time} is filled in by the script, in the reader's clock).
 */
function sessionData(page: PageContext): Record<string, string> {
  const session = page.signedIn;
  if (!session || session.idleEndsAt === undefined || session.endsAt === undefined) return {};
  const { locale } = page;
  return {
    'data-session-now': isoInstant(session.now ?? Date.now()),
    'data-session-idle-ends': isoInstant(session.idleEndsAt),
    'data-session-ends': isoInstant(session.endsAt),
    'data-session-keepalive': page.href('/session/keepalive'),
    'data-session-warning': t(locale, 'session.warning', { time: '{time}' }),
    'data-session-stay': t(locale, 'session.stay'),
    'data-session-ended': t(locale, 'session.ended'),
    'data-session-sign-in': t(locale, 'session.signIn'),
    'data-session-sign-in-href': page.href(withNext('/login', page.path)),
  };
}

/**
 * The words of the script that keeps what is typed in a form (`data-keep`), in the page's language.
 */
export function keepData(locale: Locale): Record<string, string> {
  return {
    'data-keep': '',
    'data-keep-found': t(locale, 'keep.found', { time: '{time}' }),
    'data-keep-restore': t(locale, 'keep.restore'),
    'data-keep-discard': t(locale, 'keep.discard'),
    'data-keep-restored': t(locale, 'keep.restored'),
  };
}

/**
 * The frame of every page: `lang` and `dir` from the locale, a skip link, the header with the
 * account navigation (a real form for sign-out: signing out changes state, so it is a POST),
 * one `<main>` holding the page's single `<h1>`. One deferred script of small enhancements
 * (public/assets/app.js), no inline script or style (CSP).
 */
export function Layout({
  page,
  title,
  hasErrors = false,
  description,
  wide = false,
  feeds = [],
  children,
}: LayoutProps) {
  const { locale } = page;
  const fullTitle = t(locale, 'page.title', { page: title });
  const sections = sectionsOf(page.actor);
  const current = currentSection(page.path, sections);
  return (
    <html lang={locale} dir={dirOf(locale)}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="same-origin" />
        <title>{hasErrors ? `${t(locale, 'form.errorPrefix')} ${fullTitle}` : fullTitle}</title>
        <meta name="description" content={description ?? t(locale, 'layout.description')} />
        <link rel="icon" href={iconHref()} type="image/svg+xml" />
        {feeds.map((feed) => (
          <link rel="alternate" type="application/atom+xml" href={feed.href} title={feed.title} />
        ))}
        <link rel="stylesheet" href={page.cssHref} />
        <script src={page.jsHref} defer />
      </head>
      <body class={wide ? 'wide' : undefined} {...sessionData(page)}>
        <a class="skip-link" href="#main">
          {t(locale, 'layout.skipLink')}
        </a>
        <header class="site-header">
          <div class="container">
            <p>
              <a class="site-name" href={page.href('/')}>
                {/* The name follows: the logo says nothing more (alt=""). */}
                {page.organisation?.logoHref && <img class="site-logo" src={page.organisation.logoHref} alt="" />}
                {page.organisation?.name ?? t(locale, 'app.name')}
              </a>
              <span class="site-tagline">{t(locale, 'app.tagline')}</span>
            </p>
            {PAGE_LOCALES.length > 1 && (
              <nav class="language-switcher" aria-label={t(locale, 'layout.languages.label')}>
                <ul>
                  {PAGE_LOCALES.map((other) => (
                    <li>
                      <a
                        href={
                          localeHref(other, page.path) +
                          (page.next ? `?next=${encodeURIComponent(inLocale(other, page.next))}` : '')
                        }
                        lang={other}
                        hreflang={other}
                        aria-current={other === locale ? 'true' : undefined}
                      >
                        {LANGUAGE_NAMES[other] ?? other}
                      </a>
                    </li>
                  ))}
                </ul>
              </nav>
            )}
            <nav class="site-nav" aria-label={t(locale, 'layout.nav.label')}>
              {page.signedIn ? (
                <>
                  <a href={page.localPath('/account')}>{t(locale, 'layout.nav.account')}</a>
                  <form method="post" action={page.localPath('/logout')}>
                    <input type="hidden" name={CSRF_FIELD} value={page.signedIn.csrfToken} />
                    <button type="submit" class="button-link">
                      {t(locale, 'layout.nav.signOut')}
                    </button>
                  </form>
                </>
              ) : (
                <a href={page.localPath('/login')}>{t(locale, 'layout.nav.signIn')}</a>
              )}
            </nav>
          </div>
          <nav class="sections container" aria-label={t(locale, 'layout.sections.label')}>
            <ul>
              {sections.map((section) => (
                <li>
                  <a href={page.href(section.path)} aria-current={current === section.path ? 'page' : undefined}>
                    {t(locale, section.label)}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        </header>
        <main id="main" class="container" tabindex={-1}>
          <h1>{title}</h1>
          {children}
        </main>
      </body>
    </html>
  );
}

/**
 * The section a page belongs to: the one whose path is the page's or the longest one above it
 * (the inbox and the audit trail are sections of their own below the circulars'; the home page
 * holds the public consultations).
 */
function currentSection(path: string, sections: readonly { readonly path: string }[]): string | null {
  const holds = (section: string) =>
    section === '/'
      ? path === '/' || path.startsWith('/consultations')
      : path === section || path.startsWith(`${section}/`);
  return (
    sections
      .map((section) => section.path)
      .filter(holds)
      .sort((a, b) => b.length - a.length)[0] ?? null
  );
}
