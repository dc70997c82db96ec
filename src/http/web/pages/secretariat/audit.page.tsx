import { SelectField, TextField } from '../../components/form.js';
import { t } from '../../../../i18n/i18n.js';
import { auditActionLabel } from '../../../../presenters/audit-words.js';
import { Isolate, Ltr } from '../../components/bidi.js';
import { Layout, type PageContext } from '../../components/layout.js';
import { formatCount, type AuditRow, type ChainView } from '../../presenters/secretariat.presenter.js';
import { Instant } from './sec-parts.js';

export interface AuditView {
  readonly rows: readonly AuditRow[];
  readonly consultation: string;
  readonly action: string;
  /** The filters as applied (empty: any): who acted, the State concerned, the first and last day (UTC). */
  readonly who: string;
  readonly state: string;
  readonly from: string;
  readonly to: string;
  readonly consultations: readonly { readonly id: string; readonly reference: string }[];
  readonly actions: readonly string[];
  /** Who acted in the trail, named where the reader may know the name. */
  readonly actors: readonly { readonly id: string; readonly label: string }[];
  /** The Member States the trail's events concern. */
  readonly states: readonly { readonly code: string; readonly name: string }[];
  /** 1-based page, newest events on page 1. */
  readonly page: number;
  readonly pages: number;
  readonly total: number;
  /** The chain's verification, on the "verify" page. */
  readonly chain: ChainView | null;
}

/** The audit trail's address with the current filters: one page of it, or (`format`) all it selects as a file. */
function auditHref(page: PageContext, view: AuditView, pageNumber: number, format?: 'csv' | 'xlsx'): string {
  const query = new URLSearchParams();
  if (view.consultation !== '') query.set('consultation', view.consultation);
  if (view.action !== '') query.set('action', view.action);
  for (const name of ['who', 'state', 'from', 'to'] as const) if (view[name] !== '') query.set(name, view[name]);
  if (pageNumber > 1) query.set('page', String(pageNumber));
  if (format !== undefined) query.set('format', format);
  const qs = query.toString();
  return page.href(`/secretariat/audit${qs === '' ? '' : `?${qs}`}`);
}

/**
 * The audit trail, newest first: every change that matters with its time (UTC), who made it,
 * what and on what; filters by circular and action; and the hash chain's check (a row changed,
 * removed or inserted after it was written is named).
 */
export function AuditPage({ page, view }: { page: PageContext; view: AuditView }) {
  const { locale } = page;
  const chain = view.chain;
  return (
    <Layout wide page={page} title={t(locale, 'sec.audit.title')}>
      <p>{t(locale, 'sec.audit.intro')}</p>

      <section aria-labelledby="chain-title">
        <h2 id="chain-title">{t(locale, 'sec.audit.chain.title')}</h2>
        {chain !== null &&
          (chain.ok ? (
            <div class="notice" role="status">
              <p>
                <strong>{t(locale, 'sec.audit.chain.okLabel')}</strong> {chain.message}
              </p>
            </div>
          ) : (
            <div class="warning" role="alert">
              <p>
                <strong>{t(locale, 'sec.audit.chain.brokenLabel')}</strong> {chain.message}
              </p>
            </div>
          ))}
        <form method="get" action={page.href('/secretariat/audit/verify')}>
          <button type="submit" class="button button-secondary">
            {t(locale, 'sec.audit.chain.verify')}
          </button>
        </form>
      </section>

      <section aria-labelledby="events-title">
        <h2 id="events-title">{t(locale, 'sec.audit.events.title')}</h2>
        <form method="get" action={page.href('/secretariat/audit')} class="sec-filters">
          <SelectField
            locale={locale}
            id="field-consultation"
            name="consultation"
            label={t(locale, 'sec.audit.filter.consultation')}
            selected={[view.consultation]}
            placeholder={t(locale, 'sec.audit.filter.allConsultations')}
            options={view.consultations.map((c) => ({ value: c.id, label: c.reference }))}
          />
          <SelectField
            locale={locale}
            id="field-action"
            name="action"
            label={t(locale, 'sec.audit.filter.action')}
            selected={[view.action]}
            placeholder={t(locale, 'sec.audit.filter.allActions')}
            options={view.actions.map((a) => ({ value: a, label: auditActionLabel(locale, a) }))}
          />
          {view.actors.length > 0 && (
            <SelectField
              locale={locale}
              id="field-who"
              name="who"
              label={t(locale, 'sec.audit.filter.who')}
              selected={[view.who]}
              placeholder={t(locale, 'sec.audit.filter.anyone')}
              // A name and an account's id, Latin or not: each option in its own direction (an Arabic page
              // would otherwise show the end of the id where the name should be).
              options={view.actors.map((a) => ({ value: a.id, label: a.label, dir: 'auto' as const }))}
            />
          )}
          <SelectField
            locale={locale}
            id="field-state"
            name="state"
            label={t(locale, 'sec.audit.filter.state')}
            selected={[view.state]}
            placeholder={t(locale, 'sec.audit.filter.anyState')}
            options={view.states.map((s) => ({ value: s.code, label: s.name }))}
          />
          <TextField
            locale={locale}
            id="field-from"
            name="from"
            type="date"
            label={t(locale, 'sec.audit.filter.from')}
            value={view.from}
          />
          <TextField
            locale={locale}
            id="field-to"
            name="to"
            type="date"
            label={t(locale, 'sec.audit.filter.to')}
            value={view.to}
          />
          <button type="submit" class="button button-secondary">
            {t(locale, 'sec.audit.filter.submit')}
          </button>
        </form>
        {view.total > 0 && (
          <p id="audit-downloads">
            {t(locale, 'sec.audit.download')}{' '}
            <a href={auditHref(page, view, 1, 'csv')} type="text/csv" download>
              {t(locale, 'outcome.export.csv')}
            </a>
            {' · '}
            <a
              href={auditHref(page, view, 1, 'xlsx')}
              type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              download
            >
              {t(locale, 'outcome.export.xlsx')}
            </a>
          </p>
        )}

        {view.rows.length === 0 ? (
          <p>{t(locale, 'sec.audit.none')}</p>
        ) : (
          <div class="sec-table-wrap">
            <table class="table sec-audit">
              <caption>
                {t(locale, 'sec.audit.caption', { total: view.total, page: view.page, pages: view.pages })}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t(locale, 'sec.audit.col.seq')}</th>
                  <th scope="col">{t(locale, 'sec.audit.col.time')}</th>
                  <th scope="col">{t(locale, 'sec.audit.col.actor')}</th>
                  <th scope="col">{t(locale, 'sec.audit.col.action')}</th>
                  <th scope="col">{t(locale, 'sec.audit.col.subject')}</th>
                </tr>
              </thead>
              <tbody>
                {view.rows.map((row) => {
                  const broken = chain !== null && chain.brokenSeq === row.seq;
                  return (
                    <tr id={`event-${row.seq}`} class={broken ? 'sec-broken' : undefined}>
                      <th scope="row">
                        {formatCount(locale, row.seq)}
                        {broken && <strong class="sec-flag">{t(locale, 'sec.audit.chain.brokenRow')}</strong>}
                      </th>
                      <td>
                        <Instant locale={locale} at={row.at} local={false} />
                      </td>
                      <td class="sec-wrap">
                        <Isolate>{row.actor}</Isolate>
                      </td>
                      <td>
                        {auditActionLabel(locale, row.action)}{' '}
                        <Ltr as="code" class="sec-audit-code">
                          {row.action}
                        </Ltr>
                      </td>
                      <td class="sec-wrap">
                        {row.consultationId !== null && row.subject === `consultation:${row.consultationId}` ? (
                          <a href={page.href(`/secretariat/consultations/${encodeURIComponent(row.consultationId)}`)}>
                            <Ltr>{row.subject}</Ltr>
                          </a>
                        ) : (
                          <Isolate>{row.subject}</Isolate>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
        {view.pages > 1 && (
          <nav class="sec-pager" aria-label={t(locale, 'sec.audit.pager.label')}>
            <ul>
              {view.page > 1 && (
                <li>
                  <a href={auditHref(page, view, view.page - 1)} rel="prev">
                    {t(locale, 'sec.audit.pager.newer')}
                  </a>
                </li>
              )}
              <li aria-current="page">
                {t(locale, 'sec.audit.pager.position', { page: view.page, pages: view.pages })}
              </li>
              {view.page < view.pages && (
                <li>
                  <a href={auditHref(page, view, view.page + 1)} rel="next">
                    {t(locale, 'sec.audit.pager.older')}
                  </a>
                </li>
              )}
            </ul>
          </nav>
        )}
      </section>
    </Layout>
  );
}
