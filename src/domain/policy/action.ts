/**
 * What an actor may ask to do, with the facts about the subject that the decision needs. A leaf
 * module: token scopes (identity/scopes.ts) map these actions to scopes, and the policy
 * (policy.ts) decides them, so neither needs the other to name an action.
 */
/**
 * The writes that read a consultation, or its results, as part of what they do: to check that it
 * exists and is open, or to answer with what they changed. Such a read names the write
 * (`within`) and needs the write's token scope instead of `read` (docs/security.md, "API tokens"):
 * a token scoped to `replies:write` replies without being able to read anything else.
 */
export type ConsultationWrite =
  | 'consultation:write'
  | 'consultation:issue'
  | 'reply:submit'
  | 'reply:record'
  | 'decision:record'
  | 'notice:issue';

export type Action =
  | { readonly action: 'consultation:read'; readonly issued: boolean; readonly within?: ConsultationWrite }
  | { readonly action: 'consultation:write' }
  | { readonly action: 'consultation:issue' }
  | { readonly action: 'reply:submit'; readonly memberState: string }
  | { readonly action: 'reply:record' }
  | {
      readonly action: 'reply:read';
      readonly memberState: string;
      readonly deadlinePassed: boolean;
      readonly individualRepliesPublic: boolean;
    }
  | { readonly action: 'reply:list-all'; readonly deadlinePassed: boolean; readonly individualRepliesPublic: boolean }
  | { readonly action: 'results:read'; readonly deadlinePassed: boolean; readonly within?: ConsultationWrite }
  | { readonly action: 'decision:record' }
  | { readonly action: 'notice:issue' }
  | { readonly action: 'attachment:upload' }
  | {
      readonly action: 'attachment:read';
      readonly uploadedBy: readonly string[];
      readonly memberStatesUsing: readonly string[];
    }
  | { readonly action: 'token:manage' }
  | { readonly action: 'audit:read' }
  | { readonly action: 'member-state:write' }
  | { readonly action: 'contact:manage' }
  | { readonly action: 'job:read' }
  /** The replies received by e-mail, waiting or handled (services/intake/mail-intake.ts). */
  | { readonly action: 'mail:read' }
  | { readonly action: 'account:manage' }
  | { readonly action: 'key:manage' };
