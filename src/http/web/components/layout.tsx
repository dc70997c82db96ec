import type { ComponentChildren } from 'preact';
import { dirOf, t, type Locale } from '../../../i18n/i18n.js';
import { CSRF_FIELD } from '../csrf.js';

/** What every page needs besides its own view-model. */
export interface PageContext {
  readonly locale: Locale;
  /** The fingerprinted stylesheet URL. */
  readonly cssHref: string;
  /** The signed-in, verified person, for the header's sign-out form; null on the sign-in pages. */
  readonly signedIn: { readonly name: string; readonly csrfToken: string } | null;
}

export interface LayoutProps {
  readonly page: PageContext;
  /** The page's own title: the `<h1>` and the start of `<title>`. */
  readonly title: string;
  /** True when the page shows form errors: `<title>` then starts with "Error:" (screen readers hear it first). */
  readonly hasErrors?: boolean;
  readonly children: ComponentChildren;
}

/**
 * The frame of every page: `lang` and `dir` from the locale, a skip link, the header with the
 * account navigation (a real form for sign-out: signing out changes state, so it is a POST),
 * one `<main>` holding the page's single `<h1>`. No script, no inline style (CSP).
 */
export function Layout({ page, title, hasErrors = false, children }: LayoutProps) {
  const { locale } = page;
  const fullTitle = t(locale, 'page.title', { page: title });
  return (
    <html lang={locale} dir={dirOf(locale)}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="same-origin" />
        <title>{hasErrors ? `${t(locale, 'form.errorPrefix')} ${fullTitle}` : fullTitle}</title>
        <link rel="stylesheet" href={page.cssHref} />
      </head>
      <body>
        <a class="skip-link" href="#main">
          {t(locale, 'layout.skipLink')}
        </a>
        <header class="site-header">
          <div class="container">
            <p>
              <a class="site-name" href="/">
                {t(locale, 'app.name')}
              </a>
              <span class="site-tagline">{t(locale, 'app.tagline')}</span>
            </p>
            <nav class="site-nav" aria-label={t(locale, 'layout.nav.label')}>
              {page.signedIn ? (
                <>
                  <a href="/account">{t(locale, 'layout.nav.account')}</a>
                  <form method="post" action="/logout">
                    <input type="hidden" name={CSRF_FIELD} value={page.signedIn.csrfToken} />
                    <button type="submit" class="button-link">
                      {t(locale, 'layout.nav.signOut')}
                    </button>
                  </form>
                </>
              ) : (
                <a href="/login">{t(locale, 'layout.nav.signIn')}</a>
              )}
            </nav>
          </div>
        </header>
        <main id="main" class="container" tabindex={-1}>
          <h1>{title}</h1>
          {children}
        </main>
      </body>
    </html>
  );
}
