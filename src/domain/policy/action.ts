/**
 * What an actor may ask to do, with the facts about the subject that the decision needs. A leaf
 * module: token scopes (identity/scopes.ts) map these actions to scopes, and the policy
 * (policy.ts) decides them, so neither needs the other to name an action.
 */
export type Action =
  | { readonly action: 'consultation:read'; readonly issued: boolean }
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
  | { readonly action: 'results:read'; readonly deadlinePassed: boolean }
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
  | { readonly action: 'account:manage' }
  | { readonly action: 'key:manage' };
