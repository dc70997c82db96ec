/** One security- or ballot-relevant event. Written in the transaction of the change it records. */
export interface AuditEvent {
  readonly at: number;
  readonly actor: string;
  readonly action: string;
  readonly consultationId: string | null;
  readonly subject: string;
  readonly data: Readonly<Record<string, unknown>>;
}

/** An event as read back: its place in the hash chain (`seq`) and its links. */
export interface StoredAuditEvent extends AuditEvent {
  readonly seq: number;
  readonly prevHash: string | null;
  readonly hash: string | null;
}
