import type { StatedDeadline } from '../../../../domain/consultation/deadline.js';
import { formatDeadline, formatUtc, isoInstant, t, type Locale } from '../../../../i18n/i18n.js';
import type { PageContext } from '../../components/layout.js';
import type { TimingView } from '../../presenters/secretariat.presenter.js';

/** The parts of the secretariat's pages that are not form controls (those are in components/form.tsx). */

/** The timing checks next to a date, each with its severity in words (never colour alone). */
export function TimingNotes({ locale, id, checks }: { locale: Locale; id: string; checks: readonly TimingView[] }) {
  if (checks.length === 0) return null;
  return (
    <ul class="sec-timing" id={id}>
      {checks.map((check) => (
        <li class={`sec-timing-${check.severity}`}>
          <strong>{t(locale, `sec.timing.severity.${check.severity}`)}</strong> {check.message}
        </li>
      ))}
    </ul>
  );
}

/** An instant in UTC, to which the script adds the reader's own time (unless `local` is false: columns already labelled UTC). */
export function Instant({ locale, at, local = true }: { locale: Locale; at: number; local?: boolean }) {
  if (!local) return <time datetime={isoInstant(at)}>{formatUtc(locale, at)}</time>;
  return (
    <time datetime={isoInstant(at)} data-local="" data-local-label={t(locale, 'sec.time.localLabel')}>
      {formatUtc(locale, at)}
    </time>
  );
}

/**
 * A deadline as the circular words it ("2359 hours UTC on 16 August 2023", or "2400 hours UTC
 * on …"), with the instant for the page script, which adds the reader's own time.
 */
export function Deadline({ locale, deadline }: { locale: Locale; deadline: StatedDeadline }) {
  return (
    <time datetime={isoInstant(deadline.deadlineAt)} data-local="" data-local-label={t(locale, 'sec.time.localLabel')}>
      {formatDeadline(locale, deadline)}
    </time>
  );
}

/** The links between the pages of one circular (the outcome pages exist once it is issued). */
export function CircularNav({
  page,
  id,
  issued,
  current,
}: {
  page: PageContext;
  id: string;
  issued: boolean;
  current: string;
}) {
  const { locale } = page;
  const base = `/secretariat/consultations/${encodeURIComponent(id)}`;
  const links = issued
    ? [
        { path: base, label: t(locale, 'sec.nav.circular') },
        { path: `${base}/replies`, label: t(locale, 'sec.nav.replies') },
        { path: `${base}/results`, label: t(locale, 'sec.nav.results') },
        { path: `${base}/decisions`, label: t(locale, 'sec.nav.decisions') },
        { path: `${base}/notice`, label: t(locale, 'sec.nav.notice') },
        { path: `/secretariat/audit?consultation=${encodeURIComponent(id)}`, label: t(locale, 'sec.nav.audit') },
      ]
    : [
        { path: base, label: t(locale, 'sec.nav.edit') },
        { path: `${base}/preview`, label: t(locale, 'sec.nav.preview') },
        { path: `/secretariat/audit?consultation=${encodeURIComponent(id)}`, label: t(locale, 'sec.nav.audit') },
      ];
  return (
    <nav class="sec-subnav" aria-label={t(locale, 'sec.nav.label')}>
      <ul>
        {links.map((link) => (
          <li>
            <a href={page.href(link.path)} aria-current={link.path === current ? 'page' : undefined}>
              {link.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
