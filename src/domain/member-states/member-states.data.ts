/**
 * Curated list of the ITU Member States (and the one observer that appears in
 * Member State consultations), keyed by ISO 3166-1 alpha-2 code.
 *
 * This file is data, not logic: the secretariat changes eligibility later in the
 * database. Every Member State starts here with `mayReply: true`; nothing about
 * arrears or suspended rights is guessed.
 */

/** Language tags of the six UN/ITU official languages. */
export type UnLanguage = 'ar' | 'zh' | 'en' | 'fr' | 'ru' | 'es';

/** One entry of the curated list. Names are ITU's official designations (not colloquial ISO names). */
export interface MemberStateRecord {
  /** ISO 3166-1 alpha-2 code, upper case (the key used everywhere in Assent). */
  readonly code: string;
  /** ISO 3166-1 alpha-3 code. */
  readonly iso3: string;
  /** ITU designation per language. English is complete now; the other five languages are added later, so they are optional. */
  readonly names: { readonly en: string } & Partial<Record<Exclude<UnLanguage, 'en'>, string>>;
  /** 'member_state' for ITU Member States; 'observer' for Palestine (PP Resolution 99). */
  readonly membership: 'member_state' | 'observer';
  /** Whether this administration may reply to a Member State consultation (WTSA Res. 1 §9.4.1: only Member States reply). Data, not code. */
  readonly mayReply: boolean;
  /** Why mayReply is what it is, when it is not simply "Member State in good standing". */
  readonly eligibilityNote?: string;
  /** ISO date (YYYY-MM-DD) from which the eligibility note applies, when known. */
  readonly eligibilitySince?: string;
}

/** Version and source of the list, shown to operators. */
export const MEMBER_STATES_SOURCE = {
  version: '2026-11-27',
  source:
    'Curated by hand. Membership: the 193 Member States of the United Nations plus the Holy See ' +
    '(designated "Vatican" by ITU) = the 194 ITU Member States that ITU reports, plus Palestine as ' +
    'observer (Plenipotentiary Resolution 99). English designations in ITU style: inverted forms ' +
    'such as "Korea (Republic of)", "Iran (Islamic Republic of)", "Congo (Republic of the)", ' +
    '"Eswatini (Kingdom of)", "Gambia (Republic of the)", and ITU short forms such as "Lao P.D.R.", ' +
    '"Dem. People\'s Rep. of Korea", "Micronesia", "Vatican", "United States", "Czech Republic"; where ' +
    'no ITU-specific form was confirmed, the UN official short name. ISO 3166-1 alpha-2/alpha-3 codes ' +
    'checked against the ISO 3166-1 table of the Debian iso-codes package (4.15.0).',
  note:
    'Count: 194 Member States + 1 observer = 195 entries. Not yet reconciled entry by entry against ' +
    "ITU's live Member States list (itu.int/online/mm/scripts/gensel8), which was not reachable when " +
    "this was compiled; the figure of 194 is ITU's published count (193 UN members + Vatican). " +
    'Designations not confirmed in an ITU source include "Kyrgyzstan" (UN short form; an older ITU-R ' +
    'list has "Kyrgyz Republic"), "Sao Tome and Principe" (written without accents, as the UN does) and ' +
    '"Palestine" (UN: "State of Palestine"). Arrears and other ' +
    'losses of rights are not modelled here: mayReply is true for every Member State until the ' +
    'secretariat records otherwise.',
} as const;

export const MEMBER_STATES: readonly MemberStateRecord[] = [
  { code: 'AD', iso3: 'AND', names: { en: 'Andorra' }, membership: 'member_state', mayReply: true },
  { code: 'AE', iso3: 'ARE', names: { en: 'United Arab Emirates' }, membership: 'member_state', mayReply: true },
  { code: 'AF', iso3: 'AFG', names: { en: 'Afghanistan' }, membership: 'member_state', mayReply: true },
  { code: 'AG', iso3: 'ATG', names: { en: 'Antigua and Barbuda' }, membership: 'member_state', mayReply: true },
  { code: 'AL', iso3: 'ALB', names: { en: 'Albania' }, membership: 'member_state', mayReply: true },
  { code: 'AM', iso3: 'ARM', names: { en: 'Armenia' }, membership: 'member_state', mayReply: true },
  { code: 'AO', iso3: 'AGO', names: { en: 'Angola' }, membership: 'member_state', mayReply: true },
  { code: 'AR', iso3: 'ARG', names: { en: 'Argentina' }, membership: 'member_state', mayReply: true },
  { code: 'AT', iso3: 'AUT', names: { en: 'Austria' }, membership: 'member_state', mayReply: true },
  { code: 'AU', iso3: 'AUS', names: { en: 'Australia' }, membership: 'member_state', mayReply: true },
  { code: 'AZ', iso3: 'AZE', names: { en: 'Azerbaijan' }, membership: 'member_state', mayReply: true },
  { code: 'BA', iso3: 'BIH', names: { en: 'Bosnia and Herzegovina' }, membership: 'member_state', mayReply: true },
  { code: 'BB', iso3: 'BRB', names: { en: 'Barbados' }, membership: 'member_state', mayReply: true },
  { code: 'BD', iso3: 'BGD', names: { en: 'Bangladesh' }, membership: 'member_state', mayReply: true },
  { code: 'BE', iso3: 'BEL', names: { en: 'Belgium' }, membership: 'member_state', mayReply: true },
  { code: 'BF', iso3: 'BFA', names: { en: 'Burkina Faso' }, membership: 'member_state', mayReply: true },
  { code: 'BG', iso3: 'BGR', names: { en: 'Bulgaria' }, membership: 'member_state', mayReply: true },
  { code: 'BH', iso3: 'BHR', names: { en: 'Bahrain' }, membership: 'member_state', mayReply: true },
  { code: 'BI', iso3: 'BDI', names: { en: 'Burundi' }, membership: 'member_state', mayReply: true },
  { code: 'BJ', iso3: 'BEN', names: { en: 'Benin' }, membership: 'member_state', mayReply: true },
  { code: 'BN', iso3: 'BRN', names: { en: 'Brunei Darussalam' }, membership: 'member_state', mayReply: true },
  { code: 'BO', iso3: 'BOL', names: { en: 'Bolivia (Plurinational State of)' }, membership: 'member_state', mayReply: true },
  { code: 'BR', iso3: 'BRA', names: { en: 'Brazil' }, membership: 'member_state', mayReply: true },
  { code: 'BS', iso3: 'BHS', names: { en: 'Bahamas' }, membership: 'member_state', mayReply: true },
  { code: 'BT', iso3: 'BTN', names: { en: 'Bhutan' }, membership: 'member_state', mayReply: true },
  { code: 'BW', iso3: 'BWA', names: { en: 'Botswana' }, membership: 'member_state', mayReply: true },
  { code: 'BY', iso3: 'BLR', names: { en: 'Belarus' }, membership: 'member_state', mayReply: true },
  { code: 'BZ', iso3: 'BLZ', names: { en: 'Belize' }, membership: 'member_state', mayReply: true },
  { code: 'CA', iso3: 'CAN', names: { en: 'Canada' }, membership: 'member_state', mayReply: true },
  { code: 'CD', iso3: 'COD', names: { en: 'Democratic Republic of the Congo' }, membership: 'member_state', mayReply: true },
  { code: 'CF', iso3: 'CAF', names: { en: 'Central African Republic' }, membership: 'member_state', mayReply: true },
  { code: 'CG', iso3: 'COG', names: { en: 'Congo (Republic of the)' }, membership: 'member_state', mayReply: true },
  { code: 'CH', iso3: 'CHE', names: { en: 'Switzerland' }, membership: 'member_state', mayReply: true },
  { code: 'CI', iso3: 'CIV', names: { en: "Côte d'Ivoire" }, membership: 'member_state', mayReply: true },
  { code: 'CL', iso3: 'CHL', names: { en: 'Chile' }, membership: 'member_state', mayReply: true },
  { code: 'CM', iso3: 'CMR', names: { en: 'Cameroon' }, membership: 'member_state', mayReply: true },
  { code: 'CN', iso3: 'CHN', names: { en: 'China' }, membership: 'member_state', mayReply: true },
  { code: 'CO', iso3: 'COL', names: { en: 'Colombia' }, membership: 'member_state', mayReply: true },
  { code: 'CR', iso3: 'CRI', names: { en: 'Costa Rica' }, membership: 'member_state', mayReply: true },
  { code: 'CU', iso3: 'CUB', names: { en: 'Cuba' }, membership: 'member_state', mayReply: true },
  { code: 'CV', iso3: 'CPV', names: { en: 'Cabo Verde' }, membership: 'member_state', mayReply: true },
  { code: 'CY', iso3: 'CYP', names: { en: 'Cyprus' }, membership: 'member_state', mayReply: true },
  { code: 'CZ', iso3: 'CZE', names: { en: 'Czech Republic' }, membership: 'member_state', mayReply: true },
  { code: 'DE', iso3: 'DEU', names: { en: 'Germany' }, membership: 'member_state', mayReply: true },
  { code: 'DJ', iso3: 'DJI', names: { en: 'Djibouti' }, membership: 'member_state', mayReply: true },
  { code: 'DK', iso3: 'DNK', names: { en: 'Denmark' }, membership: 'member_state', mayReply: true },
  { code: 'DM', iso3: 'DMA', names: { en: 'Dominica' }, membership: 'member_state', mayReply: true },
  { code: 'DO', iso3: 'DOM', names: { en: 'Dominican Republic' }, membership: 'member_state', mayReply: true },
  { code: 'DZ', iso3: 'DZA', names: { en: 'Algeria' }, membership: 'member_state', mayReply: true },
  { code: 'EC', iso3: 'ECU', names: { en: 'Ecuador' }, membership: 'member_state', mayReply: true },
  { code: 'EE', iso3: 'EST', names: { en: 'Estonia' }, membership: 'member_state', mayReply: true },
  { code: 'EG', iso3: 'EGY', names: { en: 'Egypt' }, membership: 'member_state', mayReply: true },
  { code: 'ER', iso3: 'ERI', names: { en: 'Eritrea' }, membership: 'member_state', mayReply: true },
  { code: 'ES', iso3: 'ESP', names: { en: 'Spain' }, membership: 'member_state', mayReply: true },
  { code: 'ET', iso3: 'ETH', names: { en: 'Ethiopia' }, membership: 'member_state', mayReply: true },
  { code: 'FI', iso3: 'FIN', names: { en: 'Finland' }, membership: 'member_state', mayReply: true },
  { code: 'FJ', iso3: 'FJI', names: { en: 'Fiji' }, membership: 'member_state', mayReply: true },
  { code: 'FM', iso3: 'FSM', names: { en: 'Micronesia' }, membership: 'member_state', mayReply: true },
  { code: 'FR', iso3: 'FRA', names: { en: 'France' }, membership: 'member_state', mayReply: true },
  { code: 'GA', iso3: 'GAB', names: { en: 'Gabon' }, membership: 'member_state', mayReply: true },
  { code: 'GB', iso3: 'GBR', names: { en: 'United Kingdom of Great Britain and Northern Ireland' }, membership: 'member_state', mayReply: true },
  { code: 'GD', iso3: 'GRD', names: { en: 'Grenada' }, membership: 'member_state', mayReply: true },
  { code: 'GE', iso3: 'GEO', names: { en: 'Georgia' }, membership: 'member_state', mayReply: true },
  { code: 'GH', iso3: 'GHA', names: { en: 'Ghana' }, membership: 'member_state', mayReply: true },
  { code: 'GM', iso3: 'GMB', names: { en: 'Gambia (Republic of the)' }, membership: 'member_state', mayReply: true },
  { code: 'GN', iso3: 'GIN', names: { en: 'Guinea' }, membership: 'member_state', mayReply: true },
  { code: 'GQ', iso3: 'GNQ', names: { en: 'Equatorial Guinea' }, membership: 'member_state', mayReply: true },
  { code: 'GR', iso3: 'GRC', names: { en: 'Greece' }, membership: 'member_state', mayReply: true },
  { code: 'GT', iso3: 'GTM', names: { en: 'Guatemala' }, membership: 'member_state', mayReply: true },
  { code: 'GW', iso3: 'GNB', names: { en: 'Guinea-Bissau' }, membership: 'member_state', mayReply: true },
  { code: 'GY', iso3: 'GUY', names: { en: 'Guyana' }, membership: 'member_state', mayReply: true },
  { code: 'HN', iso3: 'HND', names: { en: 'Honduras' }, membership: 'member_state', mayReply: true },
  { code: 'HR', iso3: 'HRV', names: { en: 'Croatia' }, membership: 'member_state', mayReply: true },
  { code: 'HT', iso3: 'HTI', names: { en: 'Haiti' }, membership: 'member_state', mayReply: true },
  { code: 'HU', iso3: 'HUN', names: { en: 'Hungary' }, membership: 'member_state', mayReply: true },
  { code: 'ID', iso3: 'IDN', names: { en: 'Indonesia' }, membership: 'member_state', mayReply: true },
  { code: 'IE', iso3: 'IRL', names: { en: 'Ireland' }, membership: 'member_state', mayReply: true },
  { code: 'IL', iso3: 'ISR', names: { en: 'Israel' }, membership: 'member_state', mayReply: true },
  { code: 'IN', iso3: 'IND', names: { en: 'India' }, membership: 'member_state', mayReply: true },
  { code: 'IQ', iso3: 'IRQ', names: { en: 'Iraq' }, membership: 'member_state', mayReply: true },
  { code: 'IR', iso3: 'IRN', names: { en: 'Iran (Islamic Republic of)' }, membership: 'member_state', mayReply: true },
  { code: 'IS', iso3: 'ISL', names: { en: 'Iceland' }, membership: 'member_state', mayReply: true },
  { code: 'IT', iso3: 'ITA', names: { en: 'Italy' }, membership: 'member_state', mayReply: true },
  { code: 'JM', iso3: 'JAM', names: { en: 'Jamaica' }, membership: 'member_state', mayReply: true },
  { code: 'JO', iso3: 'JOR', names: { en: 'Jordan' }, membership: 'member_state', mayReply: true },
  { code: 'JP', iso3: 'JPN', names: { en: 'Japan' }, membership: 'member_state', mayReply: true },
  { code: 'KE', iso3: 'KEN', names: { en: 'Kenya' }, membership: 'member_state', mayReply: true },
  { code: 'KG', iso3: 'KGZ', names: { en: 'Kyrgyzstan' }, membership: 'member_state', mayReply: true },
  { code: 'KH', iso3: 'KHM', names: { en: 'Cambodia' }, membership: 'member_state', mayReply: true },
  { code: 'KI', iso3: 'KIR', names: { en: 'Kiribati' }, membership: 'member_state', mayReply: true },
  { code: 'KM', iso3: 'COM', names: { en: 'Comoros' }, membership: 'member_state', mayReply: true },
  { code: 'KN', iso3: 'KNA', names: { en: 'Saint Kitts and Nevis' }, membership: 'member_state', mayReply: true },
  { code: 'KP', iso3: 'PRK', names: { en: "Dem. People's Rep. of Korea" }, membership: 'member_state', mayReply: true },
  { code: 'KR', iso3: 'KOR', names: { en: 'Korea (Republic of)' }, membership: 'member_state', mayReply: true },
  { code: 'KW', iso3: 'KWT', names: { en: 'Kuwait' }, membership: 'member_state', mayReply: true },
  { code: 'KZ', iso3: 'KAZ', names: { en: 'Kazakhstan' }, membership: 'member_state', mayReply: true },
  { code: 'LA', iso3: 'LAO', names: { en: 'Lao P.D.R.' }, membership: 'member_state', mayReply: true },
  { code: 'LB', iso3: 'LBN', names: { en: 'Lebanon' }, membership: 'member_state', mayReply: true },
  { code: 'LC', iso3: 'LCA', names: { en: 'Saint Lucia' }, membership: 'member_state', mayReply: true },
  { code: 'LI', iso3: 'LIE', names: { en: 'Liechtenstein' }, membership: 'member_state', mayReply: true },
  { code: 'LK', iso3: 'LKA', names: { en: 'Sri Lanka' }, membership: 'member_state', mayReply: true },
  { code: 'LR', iso3: 'LBR', names: { en: 'Liberia' }, membership: 'member_state', mayReply: true },
  { code: 'LS', iso3: 'LSO', names: { en: 'Lesotho' }, membership: 'member_state', mayReply: true },
  { code: 'LT', iso3: 'LTU', names: { en: 'Lithuania' }, membership: 'member_state', mayReply: true },
  { code: 'LU', iso3: 'LUX', names: { en: 'Luxembourg' }, membership: 'member_state', mayReply: true },
  { code: 'LV', iso3: 'LVA', names: { en: 'Latvia' }, membership: 'member_state', mayReply: true },
  { code: 'LY', iso3: 'LBY', names: { en: 'Libya' }, membership: 'member_state', mayReply: true },
  { code: 'MA', iso3: 'MAR', names: { en: 'Morocco' }, membership: 'member_state', mayReply: true },
  { code: 'MC', iso3: 'MCO', names: { en: 'Monaco' }, membership: 'member_state', mayReply: true },
  { code: 'MD', iso3: 'MDA', names: { en: 'Moldova (Republic of)' }, membership: 'member_state', mayReply: true },
  { code: 'ME', iso3: 'MNE', names: { en: 'Montenegro' }, membership: 'member_state', mayReply: true },
  { code: 'MG', iso3: 'MDG', names: { en: 'Madagascar' }, membership: 'member_state', mayReply: true },
  { code: 'MH', iso3: 'MHL', names: { en: 'Marshall Islands' }, membership: 'member_state', mayReply: true },
  { code: 'MK', iso3: 'MKD', names: { en: 'North Macedonia' }, membership: 'member_state', mayReply: true },
  { code: 'ML', iso3: 'MLI', names: { en: 'Mali' }, membership: 'member_state', mayReply: true },
  { code: 'MM', iso3: 'MMR', names: { en: 'Myanmar' }, membership: 'member_state', mayReply: true },
  { code: 'MN', iso3: 'MNG', names: { en: 'Mongolia' }, membership: 'member_state', mayReply: true },
  { code: 'MR', iso3: 'MRT', names: { en: 'Mauritania' }, membership: 'member_state', mayReply: true },
  { code: 'MT', iso3: 'MLT', names: { en: 'Malta' }, membership: 'member_state', mayReply: true },
  { code: 'MU', iso3: 'MUS', names: { en: 'Mauritius' }, membership: 'member_state', mayReply: true },
  { code: 'MV', iso3: 'MDV', names: { en: 'Maldives' }, membership: 'member_state', mayReply: true },
  { code: 'MW', iso3: 'MWI', names: { en: 'Malawi' }, membership: 'member_state', mayReply: true },
  { code: 'MX', iso3: 'MEX', names: { en: 'Mexico' }, membership: 'member_state', mayReply: true },
  { code: 'MY', iso3: 'MYS', names: { en: 'Malaysia' }, membership: 'member_state', mayReply: true },
  { code: 'MZ', iso3: 'MOZ', names: { en: 'Mozambique' }, membership: 'member_state', mayReply: true },
  { code: 'NA', iso3: 'NAM', names: { en: 'Namibia' }, membership: 'member_state', mayReply: true },
  { code: 'NE', iso3: 'NER', names: { en: 'Niger' }, membership: 'member_state', mayReply: true },
  { code: 'NG', iso3: 'NGA', names: { en: 'Nigeria' }, membership: 'member_state', mayReply: true },
  { code: 'NI', iso3: 'NIC', names: { en: 'Nicaragua' }, membership: 'member_state', mayReply: true },
  { code: 'NL', iso3: 'NLD', names: { en: 'Netherlands (Kingdom of the)' }, membership: 'member_state', mayReply: true },
  { code: 'NO', iso3: 'NOR', names: { en: 'Norway' }, membership: 'member_state', mayReply: true },
  { code: 'NP', iso3: 'NPL', names: { en: 'Nepal' }, membership: 'member_state', mayReply: true },
  { code: 'NR', iso3: 'NRU', names: { en: 'Nauru' }, membership: 'member_state', mayReply: true },
  { code: 'NZ', iso3: 'NZL', names: { en: 'New Zealand' }, membership: 'member_state', mayReply: true },
  { code: 'OM', iso3: 'OMN', names: { en: 'Oman' }, membership: 'member_state', mayReply: true },
  { code: 'PA', iso3: 'PAN', names: { en: 'Panama' }, membership: 'member_state', mayReply: true },
  { code: 'PE', iso3: 'PER', names: { en: 'Peru' }, membership: 'member_state', mayReply: true },
  { code: 'PG', iso3: 'PNG', names: { en: 'Papua New Guinea' }, membership: 'member_state', mayReply: true },
  { code: 'PH', iso3: 'PHL', names: { en: 'Philippines' }, membership: 'member_state', mayReply: true },
  { code: 'PK', iso3: 'PAK', names: { en: 'Pakistan' }, membership: 'member_state', mayReply: true },
  { code: 'PL', iso3: 'POL', names: { en: 'Poland' }, membership: 'member_state', mayReply: true },
  {
    code: 'PS',
    iso3: 'PSE',
    names: { en: 'Palestine' },
    membership: 'observer',
    mayReply: false,
    eligibilityNote:
      'Observer, not a Member State: Palestine takes part in ITU under Plenipotentiary Conference ' +
      'Resolution 99 (Status of Palestine in ITU). WTSA Resolution 1 §9.4.1 reserves replies to a ' +
      'Member State consultation to Member States.',
  },
  { code: 'PT', iso3: 'PRT', names: { en: 'Portugal' }, membership: 'member_state', mayReply: true },
  { code: 'PW', iso3: 'PLW', names: { en: 'Palau' }, membership: 'member_state', mayReply: true },
  { code: 'PY', iso3: 'PRY', names: { en: 'Paraguay' }, membership: 'member_state', mayReply: true },
  { code: 'QA', iso3: 'QAT', names: { en: 'Qatar' }, membership: 'member_state', mayReply: true },
  { code: 'RO', iso3: 'ROU', names: { en: 'Romania' }, membership: 'member_state', mayReply: true },
  { code: 'RS', iso3: 'SRB', names: { en: 'Serbia' }, membership: 'member_state', mayReply: true },
  { code: 'RU', iso3: 'RUS', names: { en: 'Russian Federation' }, membership: 'member_state', mayReply: true },
  { code: 'RW', iso3: 'RWA', names: { en: 'Rwanda' }, membership: 'member_state', mayReply: true },
  { code: 'SA', iso3: 'SAU', names: { en: 'Saudi Arabia' }, membership: 'member_state', mayReply: true },
  { code: 'SB', iso3: 'SLB', names: { en: 'Solomon Islands' }, membership: 'member_state', mayReply: true },
  { code: 'SC', iso3: 'SYC', names: { en: 'Seychelles' }, membership: 'member_state', mayReply: true },
  { code: 'SD', iso3: 'SDN', names: { en: 'Sudan' }, membership: 'member_state', mayReply: true },
  { code: 'SE', iso3: 'SWE', names: { en: 'Sweden' }, membership: 'member_state', mayReply: true },
  { code: 'SG', iso3: 'SGP', names: { en: 'Singapore' }, membership: 'member_state', mayReply: true },
  { code: 'SI', iso3: 'SVN', names: { en: 'Slovenia' }, membership: 'member_state', mayReply: true },
  { code: 'SK', iso3: 'SVK', names: { en: 'Slovakia' }, membership: 'member_state', mayReply: true },
  { code: 'SL', iso3: 'SLE', names: { en: 'Sierra Leone' }, membership: 'member_state', mayReply: true },
  { code: 'SM', iso3: 'SMR', names: { en: 'San Marino' }, membership: 'member_state', mayReply: true },
  { code: 'SN', iso3: 'SEN', names: { en: 'Senegal' }, membership: 'member_state', mayReply: true },
  { code: 'SO', iso3: 'SOM', names: { en: 'Somalia' }, membership: 'member_state', mayReply: true },
  { code: 'SR', iso3: 'SUR', names: { en: 'Suriname' }, membership: 'member_state', mayReply: true },
  { code: 'SS', iso3: 'SSD', names: { en: 'South Sudan' }, membership: 'member_state', mayReply: true },
  { code: 'ST', iso3: 'STP', names: { en: 'Sao Tome and Principe' }, membership: 'member_state', mayReply: true },
  { code: 'SV', iso3: 'SLV', names: { en: 'El Salvador' }, membership: 'member_state', mayReply: true },
  { code: 'SY', iso3: 'SYR', names: { en: 'Syrian Arab Republic' }, membership: 'member_state', mayReply: true },
  { code: 'SZ', iso3: 'SWZ', names: { en: 'Eswatini (Kingdom of)' }, membership: 'member_state', mayReply: true },
  { code: 'TD', iso3: 'TCD', names: { en: 'Chad' }, membership: 'member_state', mayReply: true },
  { code: 'TG', iso3: 'TGO', names: { en: 'Togo' }, membership: 'member_state', mayReply: true },
  { code: 'TH', iso3: 'THA', names: { en: 'Thailand' }, membership: 'member_state', mayReply: true },
  { code: 'TJ', iso3: 'TJK', names: { en: 'Tajikistan' }, membership: 'member_state', mayReply: true },
  { code: 'TL', iso3: 'TLS', names: { en: 'Timor-Leste' }, membership: 'member_state', mayReply: true },
  { code: 'TM', iso3: 'TKM', names: { en: 'Turkmenistan' }, membership: 'member_state', mayReply: true },
  { code: 'TN', iso3: 'TUN', names: { en: 'Tunisia' }, membership: 'member_state', mayReply: true },
  { code: 'TO', iso3: 'TON', names: { en: 'Tonga' }, membership: 'member_state', mayReply: true },
  { code: 'TR', iso3: 'TUR', names: { en: 'Türkiye' }, membership: 'member_state', mayReply: true },
  { code: 'TT', iso3: 'TTO', names: { en: 'Trinidad and Tobago' }, membership: 'member_state', mayReply: true },
  { code: 'TV', iso3: 'TUV', names: { en: 'Tuvalu' }, membership: 'member_state', mayReply: true },
  { code: 'TZ', iso3: 'TZA', names: { en: 'Tanzania (United Republic of)' }, membership: 'member_state', mayReply: true },
  { code: 'UA', iso3: 'UKR', names: { en: 'Ukraine' }, membership: 'member_state', mayReply: true },
  { code: 'UG', iso3: 'UGA', names: { en: 'Uganda' }, membership: 'member_state', mayReply: true },
  { code: 'US', iso3: 'USA', names: { en: 'United States' }, membership: 'member_state', mayReply: true },
  { code: 'UY', iso3: 'URY', names: { en: 'Uruguay' }, membership: 'member_state', mayReply: true },
  { code: 'UZ', iso3: 'UZB', names: { en: 'Uzbekistan' }, membership: 'member_state', mayReply: true },
  { code: 'VA', iso3: 'VAT', names: { en: 'Vatican' }, membership: 'member_state', mayReply: true },
  { code: 'VC', iso3: 'VCT', names: { en: 'Saint Vincent and the Grenadines' }, membership: 'member_state', mayReply: true },
  { code: 'VE', iso3: 'VEN', names: { en: 'Venezuela (Bolivarian Republic of)' }, membership: 'member_state', mayReply: true },
  { code: 'VN', iso3: 'VNM', names: { en: 'Viet Nam' }, membership: 'member_state', mayReply: true },
  { code: 'VU', iso3: 'VUT', names: { en: 'Vanuatu' }, membership: 'member_state', mayReply: true },
  { code: 'WS', iso3: 'WSM', names: { en: 'Samoa' }, membership: 'member_state', mayReply: true },
  { code: 'YE', iso3: 'YEM', names: { en: 'Yemen' }, membership: 'member_state', mayReply: true },
  { code: 'ZA', iso3: 'ZAF', names: { en: 'South Africa' }, membership: 'member_state', mayReply: true },
  { code: 'ZM', iso3: 'ZMB', names: { en: 'Zambia' }, membership: 'member_state', mayReply: true },
  { code: 'ZW', iso3: 'ZWE', names: { en: 'Zimbabwe' }, membership: 'member_state', mayReply: true },
];
