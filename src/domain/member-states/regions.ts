/**
 * The geographic region of each Member State, by the UN's standard country or area codes for
 * statistical use (M49: Africa, Americas, Asia, Europe, Oceania), for the comments view's region
 * filter (issue #16 item 2). Deliberately not ITU's five administrative regions (A–E, defined for
 * elections to the Council and the Radio Regulations Board) nor the regional telecommunication
 * organisations, whose memberships overlap: M49 puts every State in exactly one region, by a
 * published standard. Palestine (an observer) is placed as M49 places it, in Asia.
 */
export const UN_REGIONS = ['africa', 'americas', 'asia', 'europe', 'oceania'] as const;
export type UnRegion = (typeof UN_REGIONS)[number];

const MEMBERS: Readonly<Record<UnRegion, string>> = {
  africa:
    'AO BF BI BJ BW CD CF CG CI CM CV DJ DZ EG ER ET GA GH GM GN GQ GW KE KM LR LS LY MA MG ML MR MU MW MZ NA NE NG RW SC SD SL SN SO SS ST SZ TD TG TN TZ UG ZA ZM ZW',
  americas: 'AG AR BB BO BR BS BZ CA CL CO CR CU DM DO EC GD GT GY HN HT JM KN LC MX NI PA PE PY SR SV TT US UY VC VE',
  asia: 'AE AF AM AZ BD BH BN BT CN CY GE ID IL IN IQ IR JO JP KG KH KP KR KW KZ LA LB LK MM MN MV MY NP OM PH PK PS QA SA SG SY TH TJ TL TM TR UZ VN YE',
  europe:
    'AD AL AT BA BE BG BY CH CZ DE DK EE ES FI FR GB GR HR HU IE IS IT LI LT LU LV MC MD ME MK MT NL NO PL PT RO RS RU SE SI SK SM UA VA',
  oceania: 'AU FJ FM KI MH NR NZ PG PW SB TO TV VU WS',
};

const REGION_OF: ReadonlyMap<string, UnRegion> = new Map(
  UN_REGIONS.flatMap((region) => MEMBERS[region].split(' ').map((code) => [code, region] as const)),
);

/** The region of a State's code, or null for a code it does not know (a State added since). */
export function regionOf(code: string): UnRegion | null {
  return REGION_OF.get(code) ?? null;
}

/** Whether a value names a region. */
export function isUnRegion(value: string | undefined): value is UnRegion {
  return (UN_REGIONS as readonly (string | undefined)[]).includes(value);
}
