import { t, type Locale } from '../../../../i18n/i18n.js';
import type { InstantView } from '../../presenters/public.presenter.js';

/**
 * Small pieces shared by the public pages. An instant is printed in UTC by the server; the page
 * script adds the reader's own time beside it (`data-local`) and keeps a countdown current
 * (`data-countdown`). With JavaScript off the UTC text and the server's countdown stay.
 */

/** An instant in UTC, which the script completes with the reader's local time. */
export function Instant({ locale, at }: { locale: Locale; at: InstantView }) {
  return (
    <time datetime={at.iso} data-local data-local-label={t(locale, 'public.time.localLabel')}>
      {at.utc}
    </time>
  );
}

/** The time left before a deadline, as of the page's rendering; the script updates it each minute. */
export function Countdown({ locale, deadline, text }: { locale: Locale; deadline: InstantView; text: string }) {
  return (
    <span class="countdown" data-countdown={deadline.iso} data-countdown-over={t(locale, 'public.timeLeft.over')}>
      {text}
    </span>
  );
}

/** The label of demonstration data, which is shown as such wherever it appears. */
export function DemoNotice({ locale, isDemo }: { locale: Locale; isDemo: boolean }) {
  if (!isDemo) return null;
  return (
    <p class="demo-notice">
      <strong>{t(locale, 'public.demo.notice')}</strong>
    </p>
  );
}

/** The mark of a past consultation entered afterwards, from the secretariat's records (null: run live). */
export function EnteredAfterwardsNotice({ locale, on }: { locale: Locale; on: string | null }) {
  if (on === null) return null;
  return (
    <p class="entered-afterwards">
      <strong>{t(locale, 'public.enteredAfterwards.notice', { date: on })}</strong>
    </p>
  );
}

/** A status in words (never colour alone): the tag's border only repeats it. */
export function StatusTag({ label, kind }: { label: string; kind: string }) {
  return <span class={`status status-${kind}`}>{label}</span>;
}

/** The path of a consultation's page (and of its results), in the URL's encoding. */
export function consultationPath(id: string, rest = ''): string {
  return `/consultations/${encodeURIComponent(id)}${rest}`;
}
