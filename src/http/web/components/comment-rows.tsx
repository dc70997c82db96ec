import type { CommentRow } from '../../../domain/reply/comment-table.js';
import { t, type Locale } from '../../../i18n/i18n.js';

/**
 * A position's comments table as it was sent, for reading (review, receipt, a State's reply, the
 * comments view): one row per comment, numbered, with its clause and proposed change ("—" where
 * none was given). The cells keep the line breaks typed.
 */
export function CommentRows({ locale, rows }: { locale: Locale; rows: readonly CommentRow[] }) {
  return (
    <div class="table-scroll">
      <table class="rows rows-view">
        <thead>
          <tr>
            <th scope="col">{t(locale, 'reply.table.row')}</th>
            <th scope="col">{t(locale, 'reply.table.clause')}</th>
            <th scope="col">{t(locale, 'reply.table.comment')}</th>
            <th scope="col">{t(locale, 'reply.table.change')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            <tr>
              <th scope="row">{index + 1}</th>
              <td class="reply-typed">{row.clause ?? '—'}</td>
              <td class="reply-typed">{row.comment}</td>
              <td class="reply-typed">{row.proposedChange ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
