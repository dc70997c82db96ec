import type { CommentRow } from '../../../domain/reply/comment-table.js';
import { isUnRegion, regionOf, type UnRegion } from '../../../domain/member-states/regions.js';
import { CHANNELS, type Channel, type ReplyVersion } from '../../../domain/reply/reply.js';
import type { Locale } from '../../../i18n/i18n.js';
import {
  filterMatches,
  positionFilters,
  positionWords,
  type PositionSummarySpec,
} from '../../../presenters/procedure-words.js';
import type { ReplyExportDetails, ReplyOverview } from '../../../services/read-replies.js';
import { presentContent } from './content.presenter.js';
import {
  type ConsultationHeadView,
  type PositionChoiceView,
  presentHead,
  presentTextRef,
  type StateOptionView,
  stateName,
  type TextRefView,
} from './secretariat-outcome.presenter.js';

/**
 * The comments view (issue #16 item 2): per text, what each State wrote — comments, reasons,
 * possible changes, the file it attached — with its position, in the order of the States' names,
 * the basis from which the secretariat compiles the comments for the meeting. It reads the same
 * versions as the export of the replies: each State's latest, and, where the one that counts is an
 * earlier one (the latest came after the deadline), that one first.
 */

/** A file a reply cites, as a link for the secretariat. */
export interface CitedFileView {
  readonly name: string;
  readonly sha256: string;
}

/** What one State wrote on one text, in one version of its reply. */
export interface CommentEntryView {
  readonly code: string;
  readonly name: string;
  /** The position in the procedure's words; null when the version took none on the text. */
  readonly position: string | null;
  readonly comments: string | null;
  readonly reasons: string | null;
  readonly possibleChanges: string | null;
  /** The comments table's rows (none when it was not used). */
  readonly commentTable: readonly CommentRow[];
  readonly attachment: CitedFileView | null;
  readonly version: number;
  /** Whether this version is the one that counts. */
  readonly counted: boolean;
  readonly late: boolean;
  readonly receivedAt: number;
  readonly channel: Channel;
  readonly originalFile: CitedFileView | null;
}

export interface CommentsTextView {
  readonly text: TextRefView;
  /** The entries with something written or attached, by State name. */
  readonly entries: readonly CommentEntryView[];
  /** How many other States the filters select took a position on the text without writing anything. */
  readonly silent: number;
}

/** The filters as the page applies them: a value the page does not offer means "any". */
export interface CommentsFilters {
  readonly text: string | null;
  readonly position: string | null;
  readonly state: string | null;
  /** The States of one region (UN M49: domain/member-states/regions.ts). */
  readonly region: UnRegion | null;
  readonly channel: Channel | null;
}

export interface CommentsView {
  readonly head: ConsultationHeadView;
  readonly filters: CommentsFilters;
  readonly filtered: boolean;
  readonly texts: readonly CommentsTextView[];
  /** How many States wrote something on the texts shown. */
  readonly total: number;
  readonly options: {
    readonly texts: readonly TextRefView[];
    readonly positions: readonly PositionChoiceView[];
    readonly states: readonly StateOptionView[];
  };
}

const isOneOf = <T extends string>(list: readonly T[], value: string | undefined): value is T =>
  value !== undefined && (list as readonly string[]).includes(value);

/** Whether a version wrote anything on a position (or attached a file to it). */
function hasWords(p: ReplyVersion['positions'][number]): boolean {
  return (
    p.comments !== null ||
    p.reasons !== null ||
    p.possibleChanges !== null ||
    (p.commentTable?.length ?? 0) > 0 ||
    p.attachment !== null
  );
}

/** The comments page: the filters read from the query, then the entries of each text shown. */
export function presentComments(
  locale: Locale,
  overview: ReplyOverview,
  details: ReplyExportDetails,
  query: {
    text?: string | undefined;
    position?: string | undefined;
    state?: string | undefined;
    region?: string | undefined;
    channel?: string | undefined;
  },
  now: number,
): CommentsView {
  const { consultation, texts, procedure } = overview.loaded;
  const content = presentContent(locale, consultation, texts);
  const specs: readonly PositionSummarySpec[] = positionFilters(procedure);
  const replied = overview.rows
    .filter((row) => row.latest !== null)
    .map((row) => ({ row, name: stateName(locale, row.state) }))
    .sort((a, b) => a.name.localeCompare(b.name, locale));
  const filters: CommentsFilters = {
    text: isOneOf(
      texts.map((t) => t.id),
      query.text,
    )
      ? query.text
      : null,
    position: isOneOf(
      specs.map((s) => s.id),
      query.position,
    )
      ? query.position
      : null,
    state: isOneOf(
      replied.map((r) => r.row.state.code),
      query.state,
    )
      ? query.state
      : null,
    region: isUnRegion(query.region) ? query.region : null,
    channel: isOneOf(CHANNELS, query.channel) ? query.channel : null,
  };
  const spec = specs.find((s) => s.id === filters.position);
  const file = (sha256: string | null): CitedFileView | null =>
    sha256 === null ? null : { name: details.fileNames.get(sha256) ?? sha256, sha256 };
  const shown = texts.filter((text) => filters.text === null || text.id === filters.text);
  const textViews = shown.map((text) => {
    const entries: CommentEntryView[] = [];
    // By State: one that wrote nothing in two versions (an on-time reply and a late one) is one State.
    const silent = new Set<string>();
    for (const { row, name } of replied) {
      if (filters.state !== null && row.state.code !== filters.state) continue;
      if (filters.region !== null && regionOf(row.state.code) !== filters.region) continue;
      const counted = details.countedVersions.get(row.state.code);
      for (const version of counted === undefined ? [row.latest!] : [counted, row.latest!]) {
        if (filters.channel !== null && version.channel !== filters.channel) continue;
        const p = version.positions.find((candidate) => candidate.text === text.id);
        if (spec !== undefined && (p === undefined || !filterMatches(spec, p))) continue;
        if (p === undefined || !hasWords(p)) {
          if (p !== undefined) silent.add(row.state.code);
          continue;
        }
        entries.push({
          code: row.state.code,
          name,
          position: positionWords(locale, procedure, p, consultation.studyGroup),
          comments: p.comments,
          reasons: p.reasons,
          possibleChanges: p.possibleChanges,
          commentTable: p.commentTable ?? [],
          attachment: file(p.attachment),
          version: version.version,
          counted: row.countedVersion === version.version,
          late: version.flags.includes('received_after_deadline'),
          receivedAt: version.receivedAt,
          channel: version.channel,
          originalFile: file(version.originalFile),
        });
      }
    }
    for (const entry of entries) silent.delete(entry.code);
    return { text: presentTextRef(text, content), entries, silent: silent.size };
  });
  return {
    head: presentHead(consultation, now, presentContent(locale, consultation, [])),
    filters,
    filtered:
      filters.text !== null ||
      filters.position !== null ||
      filters.state !== null ||
      filters.region !== null ||
      filters.channel !== null,
    texts: textViews,
    total: new Set(textViews.flatMap((t) => t.entries.map((entry) => entry.code))).size,
    options: {
      texts: texts.map((text) => presentTextRef(text, content)),
      positions: specs.map((s) => ({
        id: s.id,
        label: positionWords(
          locale,
          procedure,
          { position: s.kind, option: s.option },
          consultation.studyGroup,
          'filter',
        ),
      })),
      states: replied.map(({ row, name }) => ({ code: row.state.code, name })),
    },
  };
}
