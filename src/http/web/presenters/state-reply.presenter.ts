import type { Channel, ReplyFlag, ReplyVersion, ReplyVersionStatus } from '../../../domain/reply/reply.js';
import { type Locale, placeAndDate } from '../../../i18n/i18n.js';
import type { ReplyNames, StateReply } from '../../../services/read-replies.js';
import { presentContent } from './content.presenter.js';
import { formatDay } from './secretariat.presenter.js';
import type { PositionField } from './position-changes.js';
import { changedFields } from './position-changes.js';
import { presentPositions, type PositionView } from './reply.presenter.js';
import { type ConsultationHeadView, presentHead } from './secretariat-outcome.presenter.js';

/**
 * One State's reply to a consultation as the secretariat reads it (issue #16 item 1): every version,
 * newest first, with its positions, comments, reasons, possible changes and files, who entered it,
 * how it arrived, its receipt, and what changed from the version before it.
 */

export { changedFields, POSITION_FIELDS, type PositionField } from './position-changes.js';

/** One text's position in a version, with the fields that differ from the version before it. */
export interface VersionPositionView extends PositionView {
  /** Empty for the first version, and for a text the version left as it was. */
  readonly changed: readonly PositionField[];
}

export interface StateReplyVersionView {
  readonly version: number;
  readonly status: ReplyVersionStatus;
  readonly receivedAt: number;
  readonly channel: Channel;
  /** Who entered it: a name, or (`id`) the id recorded, shown as the audit trail shows it. */
  readonly enteredBy: { readonly name: string } | { readonly id: string };
  readonly signatoryName: string;
  readonly signatoryTitle: string;
  /** Where and on which day it was signed, in the reader's words (empty: neither was given). */
  readonly signedAt: string;
  readonly originalFile: { readonly filename: string; readonly sha256: string } | null;
  readonly flags: readonly ReplyFlag[];
  readonly simulated: boolean;
  readonly contentHash: string;
  readonly counts: boolean;
  readonly positions: readonly VersionPositionView[];
  /** The version this one is compared with: the latest earlier one that took positions (null: none, or a withdrawal). */
  readonly comparedWith: number | null;
  /** The texts whose position or words changed from `comparedWith`. */
  readonly changedTexts: readonly string[];
}

export interface StateReplyView {
  readonly head: ConsultationHeadView;
  readonly code: string;
  readonly name: string;
  readonly countedVersion: number | null;
  /** Newest first. */
  readonly versions: readonly StateReplyVersionView[];
}

/** The State's reply page: its versions newest first, each compared with the one before it. */
export function presentStateReply(
  locale: Locale,
  reply: StateReply,
  names: ReplyNames,
  state: { readonly code: string; readonly name: string },
  now: number,
): StateReplyView {
  const { consultation, texts, procedure } = reply.loaded;
  const content = presentContent(locale, consultation, texts);
  const fileName = (sha256: string) => names.fileNames.get(sha256) ?? sha256.slice(0, 12);
  const countedVersion = reply.pointers?.countedVersion ?? null;
  const views = reply.versions.map((version: ReplyVersion, index): StateReplyVersionView => {
    // Compared with the latest earlier reply that took positions: a withdrawal in between has none,
    // and a withdrawal itself is shown as one, not as every text changed.
    const previous =
      version.status === 'withdrawn'
        ? undefined
        : reply.versions
            .slice(0, index)
            .reverse()
            .find((v) => v.status === 'submitted');
    const positions = presentPositions(
      locale,
      procedure,
      texts,
      version.positions,
      consultation.studyGroup,
      fileName,
      content,
    ).map((view) => {
      const changed =
        previous === undefined
          ? []
          : changedFields(
              previous.positions.find((p) => p.text === view.textId),
              version.positions.find((p) => p.text === view.textId),
            );
      return { ...view, changed };
    });
    return {
      version: version.version,
      status: version.status,
      receivedAt: version.receivedAt,
      channel: version.channel,
      enteredBy: names.enteredBy.has(version.enteredBy)
        ? { name: names.enteredBy.get(version.enteredBy)! }
        : { id: version.enteredBy },
      signatoryName: version.signatoryName,
      signatoryTitle: version.signatoryTitle,
      signedAt: placeAndDate(
        locale,
        version.place,
        version.signedOn === null ? null : formatDay(locale, version.signedOn),
      ),
      originalFile:
        version.originalFile === null
          ? null
          : { filename: fileName(version.originalFile), sha256: version.originalFile },
      flags: version.flags,
      simulated: version.simulated,
      contentHash: version.contentHash,
      counts: version.version === countedVersion,
      positions,
      comparedWith: previous?.version ?? null,
      changedTexts: positions.filter((p) => p.changed.length > 0).map((p) => p.designation),
    };
  });
  return {
    head: presentHead(consultation, now, presentContent(locale, consultation, [])),
    code: state.code,
    name: state.name,
    countedVersion,
    versions: views.reverse(),
  };
}
