/**
 * Official holidays observed by ITU headquarters in Geneva, as data. TAP's reply-period rule
 * (WTSA Resolution 1) counts "working days" without defining them; Assent reads them as ITU Geneva working days
 * (Monday–Friday except these holidays). The list is curated: Swiss/Genevan public holidays
 * observed by the UN system in Geneva plus the two Eid holidays, whose dates depend on the lunar
 * calendar and are fixed each year by the UN; the secretariat should check each new year
 * against ITU's published list and extend it here. Years not listed are reported by the timing
 * checks as "no holiday data" so nobody relies on them silently.
 *
 * Coverage 2000–2030. No ITU or UN Geneva (UNOG) list of a given year was found in public
 * sources; the days below follow these rules, and the years 2000–2022 and 2028–2030 are a
 * reconstruction, not a copy of ITU's lists.
 *
 * Geneva public holidays (rules as the Canton of Geneva's own library states them,
 * https://github.com/republique-et-canton-de-geneve/jours-feries): New Year 1 January; Good
 * Friday = Easter − 2 days; Easter Monday = Easter + 1; Ascension = Easter + 39; Whit Monday =
 * Easter + 50; Swiss National Day 1 August; Jeûne genevois = the Thursday after the first Sunday
 * of September; Christmas 25 December; Restoration of the Republic 31 December. Easter is the
 * Gregorian (Western) Easter. These dates were computed and are stored literally;
 * itu-geneva-holidays.test.ts recomputes every one of them for 2000–2030 with the anonymous
 * Gregorian computus.
 *
 * Weekends: only Monday–Friday days are listed (working-day counting skips weekends anyway). A
 * fixed holiday on a Saturday or Sunday is left out with no day in lieu, except New Year on a
 * Sunday, observed on Monday 2 January as "New Year (observed)" (as in 2023). Whether ITU gave a
 * day in lieu in the other cases is not established: New Year on a Saturday (2000, 2005, 2011,
 * 2022, 2028), Christmas, 1 August or 31 December on a weekend. The 2023 data gives none for
 * Sunday 31 December 2023.
 *
 * Eid al-Fitr and Eid al-Adha are UN official holidays since 1998 (General Assembly resolution
 * 52/214 and decision 52/468; ST/IC/1998/30; https://ask.un.org/faq/14617 and
 * https://press.un.org/en/1998/19980325.gaab3222.html). In which year ITU (a specialized agency
 * with its own list) first observed them could not be established: the data assumes both in every
 * year from 2000. Their days:
 * - 2023–2027 (no mark): the UN-designated days kept from the earlier data. 2024 (10 April,
 *   17 June) matches the UN Headquarters list (as reported at https://csdn.cc/amp/world/2615133.html).
 *   The UN moves an Eid that falls on a weekend to a working day: 2024, 2025 and 2027 here; UN
 *   Vienna 2023, https://unis.unvienna.org/unis/en/events/calendar/un-holidays/holidays.html.
 * - other years, marked `[civil]`: ESTIMATED. No UN Geneva or ITU day was found, so the civil date
 *   of the Umm al-Qura calendar is used, as tabulated by python-holidays
 *   (https://github.com/vacanza/holidays/blob/0b6d6e23bc9e508ecace538d3bf6beaa405c0c46/holidays/calendars/islamic.py).
 *   A civil date on a Saturday or Sunday (shown in the mark) is replaced by the Monday after, named
 *   "(observed)", as in the UN lists above. The UN's day may differ by one day (2027: UN 10 March,
 *   civil 9 March). Where such a day meets another holiday both names are kept ("Ascension and
 *   Eid al-Fitr", 2021); Eid al-Adha of Sunday 31 December 2006 is not listed, its Monday being
 *   New Year. Cross-checks with other UN lists: New York 2017, 26 June and 1 September
 *   (https://docsbay.net/expiration-date-of-the-present-information-circular-31-december-2017),
 *   and UN staff 2015, 23 September (https://www.masress.com/youm7/2359598), agree; 2020 Eid al-Fitr
 *   differs (New York: Tuesday 26 May, the Monday being Memorial Day; here Monday 25 May;
 *   https://ask.un.org/faq/112514).
 *
 * Caveat for 2025 on: UNOG (not ITU) replaced Whit Monday and Jeûne genevois by 26 and 27 December
 * in a list announced in late 2023 (UNOG Staff Union, 12 December 2023,
 * https://unogstaffunion.org/results-of-the-official-holidays-survey-resultats-de-lenquete-sur-les-jours-feries/).
 * ITU's list is its own and is kept here as before; check it against ITU's published list.
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
  firstYear: 2000,
  lastYear: 2030,
  holidays: {
    '2000-01-10': 'Eid al-Fitr (observed)', // [civil Sat 2000-01-08]
    '2000-03-16': 'Eid al-Adha', // [civil]
    '2000-04-21': 'Good Friday',
    '2000-04-24': 'Easter Monday',
    '2000-06-01': 'Ascension',
    '2000-06-12': 'Whit Monday',
    '2000-08-01': 'Swiss National Day',
    '2000-09-07': 'Jeûne genevois',
    '2000-12-25': 'Christmas',
    '2000-12-27': 'Eid al-Fitr', // [civil]
    '2001-01-01': 'New Year',
    '2001-03-05': 'Eid al-Adha', // [civil]
    '2001-04-13': 'Good Friday',
    '2001-04-16': 'Easter Monday',
    '2001-05-24': 'Ascension',
    '2001-06-04': 'Whit Monday',
    '2001-08-01': 'Swiss National Day',
    '2001-09-06': 'Jeûne genevois',
    '2001-12-17': 'Eid al-Fitr (observed)', // [civil Sun 2001-12-16]
    '2001-12-25': 'Christmas',
    '2001-12-31': 'Restoration of the Republic (Geneva)',
    '2002-01-01': 'New Year',
    '2002-02-22': 'Eid al-Adha', // [civil]
    '2002-03-29': 'Good Friday',
    '2002-04-01': 'Easter Monday',
    '2002-05-09': 'Ascension',
    '2002-05-20': 'Whit Monday',
    '2002-08-01': 'Swiss National Day',
    '2002-09-05': 'Jeûne genevois',
    '2002-12-05': 'Eid al-Fitr', // [civil]
    '2002-12-25': 'Christmas',
    '2002-12-31': 'Restoration of the Republic (Geneva)',
    '2003-01-01': 'New Year',
    '2003-02-11': 'Eid al-Adha', // [civil]
    '2003-04-18': 'Good Friday',
    '2003-04-21': 'Easter Monday',
    '2003-05-29': 'Ascension',
    '2003-06-09': 'Whit Monday',
    '2003-08-01': 'Swiss National Day',
    '2003-09-11': 'Jeûne genevois',
    '2003-11-25': 'Eid al-Fitr', // [civil]
    '2003-12-25': 'Christmas',
    '2003-12-31': 'Restoration of the Republic (Geneva)',
    '2004-01-01': 'New Year',
    '2004-02-02': 'Eid al-Adha (observed)', // [civil Sun 2004-02-01]
    '2004-04-09': 'Good Friday',
    '2004-04-12': 'Easter Monday',
    '2004-05-20': 'Ascension',
    '2004-05-31': 'Whit Monday',
    '2004-09-09': 'Jeûne genevois',
    '2004-11-15': 'Eid al-Fitr (observed)', // [civil Sun 2004-11-14]
    '2004-12-31': 'Restoration of the Republic (Geneva)',
    '2005-01-21': 'Eid al-Adha', // [civil]
    '2005-03-25': 'Good Friday',
    '2005-03-28': 'Easter Monday',
    '2005-05-05': 'Ascension',
    '2005-05-16': 'Whit Monday',
    '2005-08-01': 'Swiss National Day',
    '2005-09-08': 'Jeûne genevois',
    '2005-11-03': 'Eid al-Fitr', // [civil]
    '2006-01-02': 'New Year (observed)',
    '2006-01-10': 'Eid al-Adha', // [civil]
    '2006-04-14': 'Good Friday',
    '2006-04-17': 'Easter Monday',
    '2006-05-25': 'Ascension',
    '2006-06-05': 'Whit Monday',
    '2006-08-01': 'Swiss National Day',
    '2006-09-07': 'Jeûne genevois',
    '2006-10-23': 'Eid al-Fitr', // [civil]
    '2006-12-25': 'Christmas',
    '2007-01-01': 'New Year', // Eid al-Adha [civil Sun 2006-12-31] not listed: its Monday is New Year
    '2007-04-06': 'Good Friday',
    '2007-04-09': 'Easter Monday',
    '2007-05-17': 'Ascension',
    '2007-05-28': 'Whit Monday',
    '2007-08-01': 'Swiss National Day',
    '2007-09-06': 'Jeûne genevois',
    '2007-10-15': 'Eid al-Fitr (observed)', // [civil Sat 2007-10-13]
    '2007-12-20': 'Eid al-Adha', // [civil]
    '2007-12-25': 'Christmas',
    '2007-12-31': 'Restoration of the Republic (Geneva)',
    '2008-01-01': 'New Year',
    '2008-03-21': 'Good Friday',
    '2008-03-24': 'Easter Monday',
    '2008-05-01': 'Ascension',
    '2008-05-12': 'Whit Monday',
    '2008-08-01': 'Swiss National Day',
    '2008-09-11': 'Jeûne genevois',
    '2008-10-01': 'Eid al-Fitr', // [civil]
    '2008-12-08': 'Eid al-Adha', // [civil]
    '2008-12-25': 'Christmas',
    '2008-12-31': 'Restoration of the Republic (Geneva)',
    '2009-01-01': 'New Year',
    '2009-04-10': 'Good Friday',
    '2009-04-13': 'Easter Monday',
    '2009-05-21': 'Ascension',
    '2009-06-01': 'Whit Monday',
    '2009-09-10': 'Jeûne genevois',
    '2009-09-21': 'Eid al-Fitr (observed)', // [civil Sun 2009-09-20]
    '2009-11-27': 'Eid al-Adha', // [civil]
    '2009-12-25': 'Christmas',
    '2009-12-31': 'Restoration of the Republic (Geneva)',
    '2010-01-01': 'New Year',
    '2010-04-02': 'Good Friday',
    '2010-04-05': 'Easter Monday',
    '2010-05-13': 'Ascension',
    '2010-05-24': 'Whit Monday',
    '2010-09-09': 'Jeûne genevois',
    '2010-09-10': 'Eid al-Fitr', // [civil]
    '2010-11-16': 'Eid al-Adha', // [civil]
    '2010-12-31': 'Restoration of the Republic (Geneva)',
    '2011-04-22': 'Good Friday',
    '2011-04-25': 'Easter Monday',
    '2011-06-02': 'Ascension',
    '2011-06-13': 'Whit Monday',
    '2011-08-01': 'Swiss National Day',
    '2011-08-30': 'Eid al-Fitr', // [civil]
    '2011-09-08': 'Jeûne genevois',
    '2011-11-07': 'Eid al-Adha (observed)', // [civil Sun 2011-11-06]
    '2012-01-02': 'New Year (observed)',
    '2012-04-06': 'Good Friday',
    '2012-04-09': 'Easter Monday',
    '2012-05-17': 'Ascension',
    '2012-05-28': 'Whit Monday',
    '2012-08-01': 'Swiss National Day',
    '2012-08-20': 'Eid al-Fitr (observed)', // [civil Sun 2012-08-19]
    '2012-09-06': 'Jeûne genevois',
    '2012-10-26': 'Eid al-Adha', // [civil]
    '2012-12-25': 'Christmas',
    '2012-12-31': 'Restoration of the Republic (Geneva)',
    '2013-01-01': 'New Year',
    '2013-03-29': 'Good Friday',
    '2013-04-01': 'Easter Monday',
    '2013-05-09': 'Ascension',
    '2013-05-20': 'Whit Monday',
    '2013-08-01': 'Swiss National Day',
    '2013-08-08': 'Eid al-Fitr', // [civil]
    '2013-09-05': 'Jeûne genevois',
    '2013-10-15': 'Eid al-Adha', // [civil]
    '2013-12-25': 'Christmas',
    '2013-12-31': 'Restoration of the Republic (Geneva)',
    '2014-01-01': 'New Year',
    '2014-04-18': 'Good Friday',
    '2014-04-21': 'Easter Monday',
    '2014-05-29': 'Ascension',
    '2014-06-09': 'Whit Monday',
    '2014-07-28': 'Eid al-Fitr', // [civil]
    '2014-08-01': 'Swiss National Day',
    '2014-09-11': 'Jeûne genevois',
    '2014-10-06': 'Eid al-Adha (observed)', // [civil Sat 2014-10-04]
    '2014-12-25': 'Christmas',
    '2014-12-31': 'Restoration of the Republic (Geneva)',
    '2015-01-01': 'New Year',
    '2015-04-03': 'Good Friday',
    '2015-04-06': 'Easter Monday',
    '2015-05-14': 'Ascension',
    '2015-05-25': 'Whit Monday',
    '2015-07-17': 'Eid al-Fitr', // [civil]
    '2015-09-10': 'Jeûne genevois',
    '2015-09-23': 'Eid al-Adha', // [civil]
    '2015-12-25': 'Christmas',
    '2015-12-31': 'Restoration of the Republic (Geneva)',
    '2016-01-01': 'New Year',
    '2016-03-25': 'Good Friday',
    '2016-03-28': 'Easter Monday',
    '2016-05-05': 'Ascension',
    '2016-05-16': 'Whit Monday',
    '2016-07-06': 'Eid al-Fitr', // [civil]
    '2016-08-01': 'Swiss National Day',
    '2016-09-08': 'Jeûne genevois',
    '2016-09-12': 'Eid al-Adha (observed)', // [civil Sun 2016-09-11]
    '2017-01-02': 'New Year (observed)',
    '2017-04-14': 'Good Friday',
    '2017-04-17': 'Easter Monday',
    '2017-05-25': 'Ascension',
    '2017-06-05': 'Whit Monday',
    '2017-06-26': 'Eid al-Fitr (observed)', // [civil Sun 2017-06-25]
    '2017-08-01': 'Swiss National Day',
    '2017-09-01': 'Eid al-Adha', // [civil]
    '2017-09-07': 'Jeûne genevois',
    '2017-12-25': 'Christmas',
    '2018-01-01': 'New Year',
    '2018-03-30': 'Good Friday',
    '2018-04-02': 'Easter Monday',
    '2018-05-10': 'Ascension',
    '2018-05-21': 'Whit Monday',
    '2018-06-15': 'Eid al-Fitr', // [civil]
    '2018-08-01': 'Swiss National Day',
    '2018-08-21': 'Eid al-Adha', // [civil]
    '2018-09-06': 'Jeûne genevois',
    '2018-12-25': 'Christmas',
    '2018-12-31': 'Restoration of the Republic (Geneva)',
    '2019-01-01': 'New Year',
    '2019-04-19': 'Good Friday',
    '2019-04-22': 'Easter Monday',
    '2019-05-30': 'Ascension',
    '2019-06-04': 'Eid al-Fitr', // [civil]
    '2019-06-10': 'Whit Monday',
    '2019-08-01': 'Swiss National Day',
    '2019-08-12': 'Eid al-Adha (observed)', // [civil Sun 2019-08-11]
    '2019-09-05': 'Jeûne genevois',
    '2019-12-25': 'Christmas',
    '2019-12-31': 'Restoration of the Republic (Geneva)',
    '2020-01-01': 'New Year',
    '2020-04-10': 'Good Friday',
    '2020-04-13': 'Easter Monday',
    '2020-05-21': 'Ascension',
    '2020-05-25': 'Eid al-Fitr (observed)', // [civil Sun 2020-05-24]
    '2020-06-01': 'Whit Monday',
    '2020-07-31': 'Eid al-Adha', // [civil]
    '2020-09-10': 'Jeûne genevois',
    '2020-12-25': 'Christmas',
    '2020-12-31': 'Restoration of the Republic (Geneva)',
    '2021-01-01': 'New Year',
    '2021-04-02': 'Good Friday',
    '2021-04-05': 'Easter Monday',
    '2021-05-13': 'Ascension and Eid al-Fitr', // [civil]
    '2021-05-24': 'Whit Monday',
    '2021-07-20': 'Eid al-Adha', // [civil]
    '2021-09-09': 'Jeûne genevois',
    '2021-12-31': 'Restoration of the Republic (Geneva)',
    '2022-04-15': 'Good Friday',
    '2022-04-18': 'Easter Monday',
    '2022-05-02': 'Eid al-Fitr', // [civil]
    '2022-05-26': 'Ascension',
    '2022-06-06': 'Whit Monday',
    '2022-07-11': 'Eid al-Adha (observed)', // [civil Sat 2022-07-09]
    '2022-08-01': 'Swiss National Day',
    '2022-09-08': 'Jeûne genevois',
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
    '2027-09-09': 'Jeûne genevois', // was missing from the 2023–2027 data
    '2027-12-31': 'Restoration of the Republic (Geneva)',
    '2028-02-28': 'Eid al-Fitr (observed)', // [civil Sat 2028-02-26]
    '2028-04-14': 'Good Friday',
    '2028-04-17': 'Easter Monday',
    '2028-05-05': 'Eid al-Adha', // [civil]
    '2028-05-25': 'Ascension',
    '2028-06-05': 'Whit Monday',
    '2028-08-01': 'Swiss National Day',
    '2028-09-07': 'Jeûne genevois',
    '2028-12-25': 'Christmas',
    '2029-01-01': 'New Year',
    '2029-02-14': 'Eid al-Fitr', // [civil]
    '2029-03-30': 'Good Friday',
    '2029-04-02': 'Easter Monday',
    '2029-04-24': 'Eid al-Adha', // [civil]
    '2029-05-10': 'Ascension',
    '2029-05-21': 'Whit Monday',
    '2029-08-01': 'Swiss National Day',
    '2029-09-06': 'Jeûne genevois',
    '2029-12-25': 'Christmas',
    '2029-12-31': 'Restoration of the Republic (Geneva)',
    '2030-01-01': 'New Year',
    '2030-02-04': 'Eid al-Fitr', // [civil]
    '2030-04-15': 'Eid al-Adha (observed)', // [civil Sat 2030-04-13]
    '2030-04-19': 'Good Friday',
    '2030-04-22': 'Easter Monday',
    '2030-05-30': 'Ascension',
    '2030-06-10': 'Whit Monday',
    '2030-08-01': 'Swiss National Day',
    '2030-09-05': 'Jeûne genevois',
    '2030-12-25': 'Christmas',
    '2030-12-31': 'Restoration of the Republic (Geneva)',
  },
};
