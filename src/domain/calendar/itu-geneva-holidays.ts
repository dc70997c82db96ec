/**
 * Official holidays observed by ITU headquarters in Geneva, as data. Res. 1 §9.4.1 counts
 * "working days" without defining them; Assent reads them as ITU Geneva working days
 * (Monday–Friday except these holidays). The list is curated: Swiss/Genevan public holidays
 * observed by the UN system in Geneva plus the two Eid holidays, whose dates depend on the lunar
 * calendar and are fixed each year by the UN; the secretariat should check each new year
 * against ITU's published list and extend it here. Years not listed are reported by the timing
 * checks as "no holiday data" so nobody relies on them silently.
 */
export interface HolidayCalendar {
  readonly id: string;
  readonly name: string;
  /** Years covered by the data (inclusive). */
  readonly firstYear: number;
  readonly lastYear: number;
  /** `YYYY-MM-DD` → name of the holiday. */
  readonly holidays: Readonly<Record<string, string>>;
}

export const ITU_GENEVA_HOLIDAYS: HolidayCalendar = {
  id: 'itu-geneva',
  name: 'ITU headquarters, Geneva',
  firstYear: 2023,
  lastYear: 2027,
  holidays: {
    '2023-01-02': 'New Year (observed)',
    '2023-04-07': 'Good Friday',
    '2023-04-10': 'Easter Monday',
    '2023-04-21': 'Eid al-Fitr',
    '2023-05-18': 'Ascension',
    '2023-05-29': 'Whit Monday',
    '2023-06-28': 'Eid al-Adha',
    '2023-08-01': 'Swiss National Day',
    '2023-09-07': 'Jeûne genevois',
    '2023-12-25': 'Christmas',
    '2024-01-01': 'New Year',
    '2024-03-29': 'Good Friday',
    '2024-04-01': 'Easter Monday',
    '2024-04-10': 'Eid al-Fitr',
    '2024-05-09': 'Ascension',
    '2024-05-20': 'Whit Monday',
    '2024-06-17': 'Eid al-Adha',
    '2024-08-01': 'Swiss National Day',
    '2024-09-05': 'Jeûne genevois',
    '2024-12-25': 'Christmas',
    '2024-12-31': 'Restoration of the Republic (Geneva)',
    '2025-01-01': 'New Year',
    '2025-03-31': 'Eid al-Fitr',
    '2025-04-18': 'Good Friday',
    '2025-04-21': 'Easter Monday',
    '2025-05-29': 'Ascension',
    '2025-06-06': 'Eid al-Adha',
    '2025-06-09': 'Whit Monday',
    '2025-08-01': 'Swiss National Day',
    '2025-09-11': 'Jeûne genevois',
    '2025-12-25': 'Christmas',
    '2025-12-31': 'Restoration of the Republic (Geneva)',
    '2026-01-01': 'New Year',
    '2026-03-20': 'Eid al-Fitr',
    '2026-04-03': 'Good Friday',
    '2026-04-06': 'Easter Monday',
    '2026-05-14': 'Ascension',
    '2026-05-25': 'Whit Monday',
    '2026-05-27': 'Eid al-Adha',
    '2026-09-10': 'Jeûne genevois',
    '2026-12-25': 'Christmas',
    '2026-12-31': 'Restoration of the Republic (Geneva)',
    '2027-01-01': 'New Year',
    '2027-03-10': 'Eid al-Fitr',
    '2027-03-26': 'Good Friday',
    '2027-03-29': 'Easter Monday',
    '2027-05-06': 'Ascension',
    '2027-05-17': 'Whit Monday and Eid al-Adha',
    '2027-12-31': 'Restoration of the Republic (Geneva)',
  },
};
