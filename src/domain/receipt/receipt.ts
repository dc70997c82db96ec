import { canonicalJson } from '../canonical.js';

export const RECEIPT_FORMAT = 'assent-receipt/1';

/**
 * A receipt for one version of a reply: what was received, when, its SHA-256 and those of its
 * files, and where the receipt of it sits in the audit chain, signed by the server. The State
 * keeps it to prove what it sent; the secretariat to prove what it received.
 */
export interface Receipt {
  readonly format: typeof RECEIPT_FORMAT;
  readonly consultation: { readonly id: string; readonly reference: string };
  readonly memberState: string;
  readonly version: number;
  readonly status: 'submitted' | 'withdrawn';
  /** Server clock, UTC. */
  readonly receivedAt: string;
  readonly channel: string;
  /** Whether the version was received by the deadline (it counts until a later version replaces it). */
  readonly receivedByDeadline: boolean;
  /** SHA-256 of the canonical encoding of the version (domain/reply/reply-hash.ts). */
  readonly contentSha256: string;
  /** Files of the version: the original of a recorded form, and the attachments of positions. */
  readonly attachments: readonly { readonly sha256: string; readonly role: string }[];
  /** The audit row that recorded the version. */
  readonly audit: { readonly seq: number; readonly hash: string };
  readonly signature: { readonly algorithm: 'Ed25519'; readonly keyId: string; readonly value: string };
}

/** The bytes the signature covers: the canonical JSON of the receipt without its signature. */
export function receiptSigningPayload(receipt: Omit<Receipt, 'signature'> & { signature?: unknown }): string {
  const { signature: _signature, ...rest } = receipt;
  return canonicalJson(rest);
}
