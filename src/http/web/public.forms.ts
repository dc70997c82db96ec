import Type from 'typebox';

/**
 * The path parameters of the public pages. The id is only bounded here, not matched against the
 * API's slug pattern: a mistyped address (`/consultations/TSB-79`) gets the not-found page a
 * reader expects, from the service, instead of a "form could not be read" page.
 */
export const ConsultationPageParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 200 }) });
