import { messageIds, t, type Locale, type MessageId } from '../i18n/i18n.js';

/** The audit actions the catalogues word (`sec.audit.action.<action>`). */
const WORDED_ACTIONS = new Set(
  messageIds('en')
    .filter((id) => id.startsWith('sec.audit.action.'))
    .map((id) => id.slice('sec.audit.action.'.length)),
);

/**
 * An audit action in the reader's words ("Reply submitted"), shown beside its code, which the
 * hash chain records and the filter and the CLI search by; an action the catalogues do not word
 * yet is shown as its code.
 */
export function auditActionLabel(locale: Locale, action: string): string {
  return WORDED_ACTIONS.has(action) ? t(locale, `sec.audit.action.${action}` as MessageId) : action;
}
