import Type, { type Static } from 'typebox';
import type { AccountRole } from '../../../domain/identity/account.js';
import type { Account } from '../../../domain/identity/account.js';
import type { ErrorCode, FieldProblem } from '../../../domain/errors.js';
import { t, type Locale, type MessageId } from '../../../i18n/i18n.js';
import type { InviteOptions } from '../../../services/identity/accounts.js';
import type { FormError } from '../components/form.js';
import { Csrf, Field, inPageOrder, isChecked, pushOnce, trim } from './secretariat.forms.js';

/**
 * The invitation form: its body, the values as typed, the input of inviteAccount made of them
 * (the service checks every field and says which), and its problems at the form's fields.
 */

/** An invitation. */
export const InviteForm = Type.Object({
  _csrf: Csrf,
  email: Field(1024),
  name: Field(1000),
  role: Field(40),
  admin: Field(10),
  memberState: Field(10),
  rank: Field(20),
  language: Field(10),
  /** `yes` on the "send a new invitation" button of an existing account. */
  resend: Field(10),
});
export type InviteBody = Static<typeof InviteForm>;

/** The roles an invitation may give, as the form names them. */
export const INVITE_ROLES = ['secretariat', 'focal_point', 'observer'] as const;
export type InviteRole = (typeof INVITE_ROLES)[number];
/** The languages of an account's e-mails: the six languages of the Union. */
export const ACCOUNT_LANGUAGES = ['ar', 'zh', 'en', 'fr', 'ru', 'es'] as const;

export interface InviteValues {
  readonly email: string;
  readonly name: string;
  readonly role: string;
  readonly admin: boolean;
  readonly memberState: string;
  readonly rank: string;
  readonly language: string;
}

export const BLANK_INVITE: InviteValues = {
  email: '',
  name: '',
  role: '',
  admin: false,
  memberState: '',
  rank: 'alternate',
  language: 'en',
};

/** What inviteAccount takes from the form (the actor is the route's). */
export type InviteInput = Omit<InviteOptions, 'actor'>;

/**
 * Reads the invitation form. The Member State and the rank belong to focal points and the
 * administrator flag to the secretariat: for other roles they are ignored (without script every
 * field is on the page, whatever role is chosen). An address that already has an account is
 * invited again only from that account's row (`resend=yes`).
 */
export function readInviteForm(body: InviteBody): { values: InviteValues; input: InviteInput } {
  const values: InviteValues = {
    email: trim(body.email).toLowerCase(),
    name: trim(body.name),
    role: trim(body.role),
    admin: isChecked(body.admin),
    memberState: trim(body.memberState).toUpperCase(),
    rank: trim(body.rank) || 'alternate',
    language: trim(body.language) || 'en',
  };
  const focal = values.role === 'focal_point';
  // A role the form does not offer is the service's to refuse, at /role.
  const role = values.role === 'secretariat' ? (values.admin ? 'secretariat_admin' : 'secretariat_staff') : values.role;
  return {
    values,
    input: {
      email: values.email,
      name: values.name,
      role: role as AccountRole,
      language: values.language,
      reinvite: body.resend === 'yes',
      ...(focal && {
        ...(values.memberState !== '' && { memberState: values.memberState }),
        rank: values.rank as 'primary' | 'alternate',
      }),
    },
  };
}

/** The refusals of inviteAccount the form answers at its fields (anything else is the error page's). */
export const INVITE_REFUSALS: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'VALIDATION_FAILED',
  'UNKNOWN_MEMBER_STATE',
  'CONFLICT',
]);

/** A field of the form, its message when left empty and when refused. */
const FIELDS: Readonly<Record<string, readonly [string, MessageId, MessageId]>> = {
  '/email': ['email', 'sec.invite.email.missing', 'sec.invite.email.invalid'],
  '/name': ['name', 'sec.invite.name.missing', 'sec.invite.name.tooLong'],
  '/role': ['role', 'sec.invite.role.missing', 'sec.invite.role.missing'],
  '/memberState': ['memberState', 'sec.invite.memberState.missing', 'sec.invite.memberState.unknown'],
  '/rank': ['rank', 'sec.invite.rank.missing', 'sec.invite.rank.missing'],
  '/language': ['language', 'sec.invite.language.invalid', 'sec.invite.language.invalid'],
};

/** The fields in the order the page shows them. */
const PAGE_ORDER = ['email', 'name', 'role', 'admin', 'memberState', 'rank', 'language'];

/**
 * The problems of inviteAccount at the form's fields, in the catalogue's words. An address in use
 * (CONFLICT) is said at the e-mail: by whom (`accounts`), or that it has another role or State.
 */
export function inviteErrors(
  locale: Locale,
  errorCode: ErrorCode,
  problems: readonly FieldProblem[],
  values: InviteValues,
  accounts: readonly Pick<Account, 'email' | 'name'>[],
): FormError[] {
  const errors: FormError[] = [];
  const at = (field: string, message: string) => pushOnce(errors, { field: `field-${field}`, message });
  for (const problem of problems) {
    const code = problem.code ?? errorCode;
    if (code === 'CONFLICT' && problem.field === '/email') {
      const existing = accounts.find((a) => a.email === values.email);
      at('email', t(locale, 'sec.invite.email.taken', { email: values.email, name: existing?.name ?? '' }));
    } else if (code === 'CONFLICT') at('email', t(locale, 'sec.invite.email.otherRole'));
    else {
      const known = FIELDS[problem.field];
      if (!known) at(problem.field.replace(/^\//, '') || 'email', t(locale, 'sec.invite.rejected'));
      else {
        const [field, missing, refused] = known;
        const typed = values[field as keyof InviteValues];
        at(field, t(locale, typed === '' ? missing : refused));
      }
    }
  }
  return inPageOrder(errors, PAGE_ORDER);
}
