import Type from 'typebox';

/**
 * The bodies of the web forms (application/x-www-form-urlencoded). Every field is optional and
 * a string: a missing or empty field is answered by the page itself, with its message at the
 * field, so the schema only bounds sizes and shapes. Extra fields are tolerated (browsers and
 * assistive tools may add some).
 */
const Field = (maxLength: number) => Type.Optional(Type.String({ maxLength }));
const Csrf = Field(200);

/** Sign-in, first step. */
export const LoginForm = Type.Object({ _csrf: Csrf, email: Field(1024), password: Field(1024), next: Field(2000) });
/** Sign-in, second step: `method` tells the authenticator form from the recovery-code form. */
export const VerifyForm = Type.Object({
  _csrf: Csrf,
  method: Type.Optional(Type.Union([Type.Literal('totp'), Type.Literal('recovery')])),
  code: Field(64),
  recoveryCode: Field(64),
  next: Field(2000),
});
/** The sign-in pages' query: a status message, and the page to return to afterwards. */
export const SignInQuery = Type.Object({
  notice: Type.Optional(Type.String({ maxLength: 40 })),
  next: Field(2000),
});
/** The invitation link's form: the password, twice. */
export const InvitationForm = Type.Object({ _csrf: Csrf, password: Field(1024), passwordConfirm: Field(1024) });
/** "Forgot your password?": the account's e-mail address. */
export const PasswordResetRequestForm = Type.Object({ _csrf: Csrf, email: Field(1024) });
/** The password reset link's form: the new password, twice, and a code of the authenticator (TOTP or recovery). */
export const PasswordResetForm = Type.Object({
  _csrf: Csrf,
  password: Field(1024),
  passwordConfirm: Field(1024),
  code: Field(64),
});
/** Enrolment of the authenticator: the first code. */
export const EnrolForm = Type.Object({ _csrf: Csrf, code: Field(64) });
/** A new personal API token. */
export const TokenForm = Type.Object({
  _csrf: Csrf,
  label: Field(1000),
  // One checkbox checked arrives as a string, several as an array.
  scopes: Type.Optional(
    Type.Union([Type.String({ maxLength: 100 }), Type.Array(Type.String({ maxLength: 100 }), { maxItems: 20 })]),
  ),
  days: Field(20),
});
/** The preferred language of the account. */
export const LanguageForm = Type.Object({ _csrf: Csrf, language: Field(10) });
/** Forms that are a single button (sign out, sign out other sessions, revoke a token). */
export const CsrfOnlyForm = Type.Object({ _csrf: Csrf });

/** The secret of an invitation link (its SHA-256 is what is stored). */
export const InvitationParams = Type.Object({ secret: Type.String({ minLength: 1, maxLength: 200 }) });
/** The secret of a password reset link (its SHA-256 is what is stored). */
export const PasswordResetParams = InvitationParams;
/** A personal token, by id. */
export const TokenParams = Type.Object({ tokenId: Type.String({ minLength: 1, maxLength: 100 }) });
/** A static file, by name. */
export const AssetParams = Type.Object({ file: Type.String({ maxLength: 100 }) });
/** A status message named by a redirect (`?notice=signed-out`); unknown names are ignored. */
export const NoticeQuery = Type.Object({ notice: Type.Optional(Type.String({ maxLength: 40 })) });
