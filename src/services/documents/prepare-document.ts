import { circularContent } from '../../documents/circular.js';
import type { DocumentContent } from '../../documents/content.js';
import { isReplyDocument, type DocumentFormat, type DocumentKind } from '../../documents/document.js';
import { receiptContent } from '../../documents/receipt.js';
import type { CitedFile } from '../../documents/reply-form.js';
import { replyContent } from '../../documents/reply.js';
import type { RenderTarget } from '../../documents/render.js';
import { resultsNoticeContent } from '../../documents/results-notice.js';
import { resultsReportContent, type ReportReply } from '../../documents/results-report.js';
import { AppError } from '../../domain/errors.js';
import type { Actor } from '../../domain/policy/actor.js';
import { can } from '../../domain/policy/policy.js';
import type { ReplyVersion } from '../../domain/reply/reply.js';
import { DEFAULT_LOCALE, type Locale } from '../../i18n/i18n.js';
import { findAttachmentMeta } from '../../repositories/attachment.repository.js';
import type { DocumentKey } from '../../repositories/document.repository.js';
import {
  findMemberState,
  listMemberStates,
  type StoredMemberState,
} from '../../repositories/member-state.repository.js';
import { listReplyVersions } from '../../repositories/reply.repository.js';
import { computeResults, evaluateConsultation } from '../compute-results.js';
import { loadConsultation } from '../load-consultation.js';
import { listReplies, getStateReply } from '../read-replies.js';
import { getReceipt } from '../receipts.js';
import { sealedVersionPosition } from '../audit-seal.js';
import type { ServiceContext } from '../service-context.js';

/** Which document, in which format and language. */
export interface DocumentRequest {
  readonly consultationId: string;
  readonly kind: DocumentKind;
  readonly format: DocumentFormat;
  readonly locale?: Locale;
  /** Reply and receipt: the Member State (required for them, refused for the others). */
  readonly memberState?: string;
  /** Reply and receipt: the version (default: the State's latest). */
  readonly version?: number;
}

/** A document the actor may have: how to build its content, its file name, and its storage key when it is a closed record. */
export interface PreparedDocument {
  readonly target: RenderTarget;
  /** Set for closed records (issued circular, reply version, receipt, issued notice): stored once, served unchanged. */
  readonly storageKey: DocumentKey | null;
  /** Builds the content model (only needed when the document is not already stored). */
  content(): Promise<DocumentContent>;
}

const nameIn = (locale: Locale, state: StoredMemberState | undefined, code: string) =>
  state?.names[locale] ?? state?.names.en ?? code;

async function citedFiles(ctx: ServiceContext, versions: readonly ReplyVersion[]): Promise<Map<string, CitedFile>> {
  const hashes = new Set(
    versions
      .flatMap((v) => [v.originalFile, ...v.positions.map((p) => p.attachment)])
      .filter((h): h is string => h !== null),
  );
  const files = new Map<string, CitedFile>();
  for (const sha256 of hashes) {
    const meta = await findAttachmentMeta(ctx.db, sha256);
    if (meta) files.set(sha256, { filename: meta.filename, size: meta.size });
  }
  return files;
}

function checkRequest(request: DocumentRequest): void {
  if (isReplyDocument(request.kind)) {
    if (!request.memberState)
      throw new AppError('VALIDATION_FAILED', `A ${request.kind} document names a Member State`, {
        errors: [{ field: '/state', message: 'Required' }],
      });
  } else if (request.memberState !== undefined || request.version !== undefined) {
    throw new AppError(
      'VALIDATION_FAILED',
      `A ${request.kind} document is about the whole consultation: it takes no Member State or version`,
      {
        errors: [
          {
            field: request.memberState !== undefined ? '/state' : '/version',
            message: 'Not allowed for this document',
          },
        ],
      },
    );
  }
}

/**
 * Checks that the actor may have the document and that it can be produced now, and returns how
 * to build it. Authorisation is the services' own (consultation:read, reply:read, results:read).
 * @throws NOT_FOUND (consultation, draft for non-secretariat, State without that version),
 *   UNAUTHENTICATED, FORBIDDEN, NOT_YOUR_MEMBER_STATE, UNKNOWN_MEMBER_STATE, VALIDATION_FAILED,
 *   RESULTS_NOT_AVAILABLE (results report before the deadline), NOTICE_NOT_ALLOWED (notice
 *   before every decision is recorded, or, for anyone but the secretariat, before it is issued)
 */
export async function prepareDocument(
  ctx: ServiceContext,
  options: { actor: Actor } & DocumentRequest,
): Promise<PreparedDocument> {
  checkRequest(options);
  const locale = options.locale ?? DEFAULT_LOCALE;
  const { actor, consultationId, kind, format } = options;
  const key = (subject: string): DocumentKey => ({ consultationId, kind, subject, format, locale });

  switch (kind) {
    case 'circular': {
      const loaded = await loadConsultation(ctx.db, consultationId, actor);
      return {
        target: { consultationId, format, locale },
        // An issued circular is frozen (its texts are those issued): its document is a closed record. A draft is previewed afresh each time.
        storageKey: loaded.consultation.issuedAt === null ? null : key(''),
        content: async () => circularContent(locale, { consultation: loaded.consultation, texts: loaded.texts }),
      };
    }
    case 'reply':
    case 'receipt': {
      const memberState = options.memberState!;
      const reply = await getStateReply(ctx, { actor, consultationId, memberState });
      const latest = reply.versions.at(-1);
      const versionNumber = options.version ?? latest?.version;
      const version = reply.versions.find((v) => v.version === versionNumber);
      if (!version) {
        throw new AppError(
          'NOT_FOUND',
          latest
            ? `${memberState} has no version ${versionNumber} of its reply (latest: ${latest.version})`
            : `${memberState} has not replied to this consultation`,
        );
      }
      const receipt =
        kind === 'receipt'
          ? await getReceipt(ctx, { actor, consultationId, memberState, version: version.version })
          : null;
      return {
        target: { consultationId, format, locale, memberState, version: version.version },
        storageKey: key(`${memberState}/${version.version}`),
        content: async () => {
          // The document is stored and served as is: never a copy without the version's position.
          const [state, files, audit] = await Promise.all([
            findMemberState(ctx.db, memberState),
            citedFiles(ctx, [version]),
            sealedVersionPosition(ctx.db, consultationId, memberState, version.version),
          ]);
          const common = {
            consultation: reply.loaded.consultation,
            stateName: nameIn(locale, state, memberState),
            version,
            files,
          };
          return receipt
            ? receiptContent(locale, { ...common, receipt })
            : replyContent(locale, { ...common, texts: reply.loaded.texts, audit: audit ?? null });
        },
      };
    }
    case 'results-report': {
      const results = await computeResults(ctx, { actor, consultationId });
      const c = results.loaded.consultation;
      if (!results.final)
        throw new AppError(
          'RESULTS_NOT_AVAILABLE',
          'The results report is produced once the deadline for replies has passed: until then replies may still change',
        );
      const individual = can(actor, {
        action: 'reply:list-all',
        deadlinePassed: true,
        individualRepliesPublic: c.settings.individualRepliesPublic,
      });
      return {
        target: { consultationId, format, locale },
        // Replies received late are still recorded after the deadline: the report is generated afresh each time.
        storageKey: null,
        content: async () => {
          let replies: ReportReply[] | null = null;
          let files = new Map<string, CitedFile>();
          if (individual) {
            const overview = await listReplies(ctx, { actor, consultationId });
            replies = [];
            for (const row of overview.rows.filter((r) => r.latest !== null)) {
              const versions = await listReplyVersions(ctx.db, consultationId, row.state.code);
              const stateName = nameIn(locale, row.state, row.state.code);
              const counted = versions.find((v) => v.version === row.countedVersion);
              if (counted) replies.push({ stateName, version: counted, status: 'counted' });
              const latest = versions.at(-1)!;
              // A later version that does not count was received late, or withdrew the reply by the deadline.
              if (latest !== counted)
                replies.push({
                  stateName,
                  version: latest,
                  status: latest.receivedAt > c.deadlineAt ? 'late' : 'withdrawn',
                });
            }
            replies.sort(
              (a, b) => a.stateName.localeCompare(b.stateName, locale) || a.version.version - b.version.version,
            );
            files = await citedFiles(
              ctx,
              replies.map((r) => r.version),
            );
          }
          return resultsReportContent(locale, { results, replies, files });
        },
      };
    }
    case 'results-notice': {
      const results = await computeResults(ctx, { actor, consultationId });
      const c = results.loaded.consultation;
      const issuedAt = c.resultsNoticeAt;
      if (issuedAt === null) {
        if (!results.final)
          throw new AppError(
            'NOTICE_NOT_ALLOWED',
            'The results notice follows the deadline and the meeting: the consultation is still open',
          );
        if (actor.kind !== 'secretariat')
          throw new AppError('NOTICE_NOT_ALLOWED', 'The results notice has not been issued yet');
        const missing = results.texts.filter((t) => t.tally.passes && t.decision === null);
        if (missing.length > 0) {
          throw new AppError(
            'NOTICE_NOT_ALLOWED',
            'Record the meeting decision on every text that could be considered first',
            {
              errors: missing.map((t) => ({
                field: `/texts/${t.text.id}/decision`,
                message: `${t.text.designation} has no recorded decision`,
              })),
            },
          );
        }
      }
      return {
        target: { consultationId, format, locale },
        // Issued, the notice is final (decisions can no longer change, record-decision.ts): a closed record, as it stood when issued.
        storageKey: issuedAt === null ? null : key(''),
        content: async () => {
          const asIssued = issuedAt === null ? results : await evaluateConsultation(ctx.db, results.loaded, issuedAt);
          const states = await listMemberStates(ctx.db);
          const stateNames = new Map(states.map((s) => [s.code, nameIn(locale, s, s.code)]));
          return resultsNoticeContent(locale, { results: asIssued, stateNames, issuedAt });
        },
      };
    }
  }
}
