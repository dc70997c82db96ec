import Type from 'typebox';
import { Sha256, Slug, StateCode } from '../../schemas/common.schema.js';
import { UnLanguageSchema } from '../../schemas/consultation.schema.js';

export const ConsultationParams = Type.Object({ id: Slug }, { additionalProperties: false });
export const TextParams = Type.Object({ id: Slug, textId: Slug }, { additionalProperties: false });
export const StateParams = Type.Object({ id: Slug, state: StateCode }, { additionalProperties: false });
export const ShaParams = Type.Object({ sha256: Sha256 }, { additionalProperties: false });

/** `If-Match: "<revision>"`, optional. */
export const IfMatchHeaders = Type.Object({ 'if-match': Type.Optional(Type.String({ pattern: '^(W/)?"?\\d+"?$' })) });

/** `Idempotency-Key`, optional; a retry with the same key and body returns the first result. */
export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(Type.String({ minLength: 1, maxLength: 200, pattern: '^[\\x21-\\x7e]+$' })),
});

/** The revision named by an If-Match header, if any. */
export function revisionFromIfMatch(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  return Number(value.replace(/^W\//, '').replace(/"/g, ''));
}

/** Headers of a withdrawal: both of the above. */
export const WithdrawHeaders = Type.Object({ ...IdempotencyHeaders.properties, ...IfMatchHeaders.properties });

/** `?format=` of a list endpoint: JSON (the default), or a file for spreadsheet software in `?lang=`. */
const ExportFields = {
  format: Type.Optional(
    Type.Union([Type.Literal('json'), Type.Literal('csv'), Type.Literal('xlsx')], {
      description: 'json (default), csv (UTF-8 with a byte order mark) or xlsx (a workbook)',
    }),
  ),
  lang: Type.Optional(
    Type.Union(UnLanguageSchema.anyOf, {
      description: "The language of a file's headings and words (one of the six UN languages; English by default)",
    }),
  ),
};

/** The query of a list that can be exported: `?format=csv|xlsx&lang=`. */
export const FormatQuery = Type.Object(ExportFields, { additionalProperties: false });

/** The query of the replies list: `?format=csv|xlsx&lang=`, and which table a CSV file holds. */
export const ExportQuery = Type.Object(
  {
    ...ExportFields,
    rows: Type.Optional(
      Type.Union([Type.Literal('replies'), Type.Literal('not-replied')], {
        description:
          'Which table a CSV file holds: the replies (default; one row per State and text) or the States that have not replied',
      }),
    ),
  },
  { additionalProperties: false },
);
