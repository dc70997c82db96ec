import type { Migration } from 'kysely';
import { m0001Init } from './0001-init.js';
import { m0002AuditChain } from './0002-audit-chain.js';
import { m0003JobsAndContacts } from './0003-jobs-and-contacts.js';
import { m0004Receipts } from './0004-receipts.js';
import { m0005Identity } from './0005-identity.js';
import { m0006CountedPositions } from './0006-counted-positions.js';
import { m0007ReplyDrafts } from './0007-reply-drafts.js';
import { m0008Documents } from './0008-documents.js';
import { m0009ContentLanguages } from './0009-content-languages.js';
import { m0010SealedSigningKeys } from './0010-sealed-signing-keys.js';
import { m0011AuditCheckpoints } from './0011-audit-checkpoints.js';
import { m0012DeadlineWording } from './0012-deadline-wording.js';
import { m0013ProcedureOwnedRecords } from './0013-procedure-owned-records.js';
import { m0014EnteredAfterwards } from './0014-entered-afterwards.js';
import { m0015AuditPending } from './0015-audit-pending.js';
import { m0016AccountRecovery } from './0016-account-recovery.js';
import { m0017TextLocationUrl } from './0017-text-location-url.js';
import { m0018ResultsDocumentReferences } from './0018-results-document-references.js';
import { m0019InboundMail } from './0019-inbound-mail.js';
import { m0020ParticipantClasses } from './0020-participant-classes.js';
import type { MigrationOptions } from './migration-options.js';

export type { MigrationOptions } from './migration-options.js';

/**
 * Every migration, in order, as a static record (no file globbing, so the same code runs under
 * tsx and from dist/). Never edit a migration that has shipped: add the next one. `options`
 * carries what a migration needs from the installation (the server secret, for 0010).
 */
export function migrations(options: MigrationOptions = {}): Readonly<Record<string, Migration>> {
  return { ...MIGRATIONS, '2026-11-27-0010-sealed-signing-keys': m0010SealedSigningKeys(options) };
}

/** The migrations without installation options: their names, and every one that needs none. */
export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '2026-11-27-0001-init': m0001Init,
  '2026-11-27-0002-audit-chain': m0002AuditChain,
  '2026-11-27-0003-jobs-and-contacts': m0003JobsAndContacts,
  '2026-11-27-0004-receipts': m0004Receipts,
  '2026-11-27-0005-identity': m0005Identity,
  '2026-11-27-0006-counted-positions': m0006CountedPositions,
  '2026-11-27-0007-reply-drafts': m0007ReplyDrafts,
  '2026-11-27-0008-documents': m0008Documents,
  '2026-11-27-0009-content-languages': m0009ContentLanguages,
  '2026-11-27-0010-sealed-signing-keys': m0010SealedSigningKeys({}),
  '2026-11-27-0011-audit-checkpoints': m0011AuditCheckpoints,
  '2026-11-27-0012-deadline-wording': m0012DeadlineWording,
  '2026-12-06-0013-procedure-owned-records': m0013ProcedureOwnedRecords,
  '2026-12-06-0014-entered-afterwards': m0014EnteredAfterwards,
  '2026-12-07-0015-audit-pending': m0015AuditPending,
  '2026-12-07-0016-account-recovery': m0016AccountRecovery,
  '2026-12-07-0017-text-location-url': m0017TextLocationUrl,
  '2026-12-07-0018-results-document-references': m0018ResultsDocumentReferences,
  '2026-12-07-0019-inbound-mail': m0019InboundMail,
  '2026-12-07-0020-participant-classes': m0020ParticipantClasses,
};
