import type { Consultation } from '../domain/consultation/consultation.js';
import type { Locale } from '../i18n/i18n.js';
import { msg, studyGroupNumber } from './format.js';

/**
 * What the documents say about the issuing bureau that the consultation's data does not hold:
 * the letterhead, where letters are dated, the contact lines of the circular's header and the
 * addressee of the Annex 2 form. TSB's values are those of Circular 79
 * (shared/reference/circular-79.txt); the study group's e-mail follows TSB's `tsbsgNN@itu.int`
 * pattern, and a telephone line is printed only where it is known.
 */
export interface BureauProfile {
  /** Letterhead lines, top of the first page. */
  readonly letterhead: readonly string[];
  /** Contact lines of the circular's header. */
  readonly contact: { readonly tel: string | null; readonly fax: string | null; readonly email: string | null };
  /** Addressee of the Annex 2 form (lines), its fax and e-mail. */
  readonly formAddressee: readonly string[];
  readonly formFax: string | null;
  readonly formEmail: string | null;
  /** The address line at the foot of the circular. */
  readonly footer: string | null;
  /** The first lines of a TD's header (the union and the sector), top of a meeting document. */
  readonly tdLetterhead: readonly string[];
}

/** Direct lines of TSB study group secretariats known from their circulars. */
const TSB_STUDY_GROUP_TEL: Readonly<Record<string, string>> = { SG17: '+41 22 730 6206' };
const TSB_FAX = '+41 22 730 5853';

/** The profile of the consultation's bureau, in `locale`. */
export function bureauProfile(
  locale: Locale,
  consultation: Pick<Consultation, 'bureau' | 'studyGroup' | 'signatory'>,
): BureauProfile {
  if (consultation.bureau === 'TSB') {
    return {
      letterhead: [msg(locale, 'doc.union'), msg(locale, 'doc.bureau.tsb')],
      contact: {
        tel: TSB_STUDY_GROUP_TEL[consultation.studyGroup] ?? null,
        fax: TSB_FAX,
        email: `tsbsg${studyGroupNumber(consultation.studyGroup).toLowerCase()}@itu.int`,
      },
      formAddressee: msg(locale, 'doc.form.tsbAddressee').split('\n'),
      formFax: '+41-22-730-5853',
      formEmail: 'tsbdir@itu.int',
      footer: msg(locale, 'doc.circular.footer'),
      tdLetterhead: [msg(locale, 'doc.union'), msg(locale, 'doc.td.sector.tsb')],
    };
  }
  if (consultation.bureau === 'DEMO') {
    return {
      letterhead: [msg(locale, 'doc.bureau.demo'), msg(locale, 'doc.bureau.demoNotItu')],
      contact: { tel: null, fax: null, email: null },
      formAddressee: [consultation.signatory.title],
      formFax: null,
      formEmail: null,
      footer: null,
      tdLetterhead: [msg(locale, 'doc.bureau.demo'), msg(locale, 'doc.bureau.demoNotItu')],
    };
  }
  return {
    letterhead: [msg(locale, 'doc.union'), consultation.bureau],
    contact: { tel: null, fax: null, email: null },
    formAddressee: [consultation.signatory.title],
    formFax: null,
    formEmail: null,
    footer: null,
    tdLetterhead: [msg(locale, 'doc.union'), consultation.bureau],
  };
}

/** "Study Group 17 (Security)": the group's number and, where known, its title for the study period. */
export function studyGroupName(locale: Locale, studyGroup: string): string {
  const title = msg(locale, 'doc.studyGroup.title', { sg: studyGroup.toUpperCase() }).trim();
  const n = studyGroupNumber(studyGroup);
  return title === ''
    ? msg(locale, 'doc.studyGroup.name', { n })
    : msg(locale, 'doc.studyGroup.nameWithTitle', { n, title });
}
