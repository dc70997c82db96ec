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
  /**
   * ITU designation in each of the six languages, in the style of ITU's multilingual Member States
   * list: inverted forms where the English is inverted ("Korea (Republic of)" → "Corée (République de)"),
   * ITU short forms where the English uses one. Chinese is never inverted (see MEMBER_STATES_SOURCE).
   */
  readonly names: Readonly<Record<UnLanguage, string>>;
  /** 'member_state' for ITU Member States; 'observer' for Palestine (PP Resolution 99). */
  readonly membership: 'member_state' | 'observer';
  /** Whether this administration may reply to a Member State consultation (WTSA Res. 1 §9.4.1: only Member States reply). Data, not code. */
  readonly mayReply: boolean;
  /** Why mayReply is what it is, when it is not simply "Member State in good standing". */
  readonly eligibilityNote?: string;
  /** ISO date (YYYY-MM-DD) from which the eligibility note applies, when known. */
  readonly eligibilitySince?: string;
}

/** Version and source of the list, shown to operators (see docs/member-states.md). */
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
    'checked against the ISO 3166-1 table of the Debian iso-codes package (4.15.0). ' +
    'Arabic, Chinese, French, Russian and Spanish designations written by hand from the UN ' +
    'terminology (UNTERM) short names, which ITU\'s lists follow, and adapted to the English entry: ' +
    'inverted where the English is inverted (fr "Corée (République de)", es "Corea (República de)", ' +
    'ru "Корея (Республика)", ar "كوريا (جمهورية)"; Arabic marks the position of a following ' +
    'adjective with " - " as the UN does, e.g. "إيران (جمهورية - الإسلامية)"), short where the English ' +
    'is short (fr "Etats-Unis", es "Vaticano", ru "Соединенные Штаты", zh "美国"). Chinese does not ' +
    'invert: an inverted English entry has the full UN Chinese name ("大韩民国", "荷兰王国"). French ' +
    'follows ITU house style, which writes capitals without accents ("Etats-Unis", "Egypte", ' +
    '"Iles Marshall") where the UN writes "États-Unis". Names that track a renaming: "Türkiye" (fr, es; ' +
    'ru "Турция", ar "تركيا", zh "土耳其"), "Macédoine du Nord", "Eswatini". The UN short names were ' +
    'spot-checked against a copy of the un.org Member States pages in five languages (as scraped by ' +
    'the countrycode R package, dictionary/data_un_names.csv).',
  note:
    'Count: 194 Member States + 1 observer = 195 entries. Not yet reconciled entry by entry against ' +
    "ITU's live Member States list (itu.int/online/mm/scripts/gensel8), which was not reachable when " +
    "this was compiled; the figure of 194 is ITU's published count (193 UN members + Vatican). " +
    'Designations not confirmed in an ITU source include "Kyrgyzstan" (UN short form; an older ITU-R ' +
    'list has "Kyrgyz Republic"), "Sao Tome and Principe" (written without accents, as the UN does) and ' +
    '"Palestine" (UN: "State of Palestine"). None of the designations in Arabic, Chinese, French, ' +
    "Russian or Spanish has been verified one by one against ITU's multilingual list: nothing could be " +
    'fetched from the network when they were written. Least certain: the ITU abbreviations in French ' +
    'and Spanish ("Rép. pop. dém. de Corée", "Rep. Pop. Dem. de Corea", "Lao (R.d.p.)", "Lao (R.D.P.)"), ' +
    'for which Russian, Arabic and Chinese use the full UN name; the inverted Arabic forms; the Chinese ' +
    'full forms chosen for inverted English entries ("刚果共和国", "冈比亚共和国", "斯威士兰王国"); and ' +
    'short forms chosen to match ITU\'s English short forms ("Micronésie", "Соединенные Штаты", ' +
    '"الولايات المتحدة", "Чешская Республика"). The secretariat (TSB with the ITU language services) ' +
    'should review all six columns before the list is used in official correspondence. Arrears and other ' +
    'losses of rights are not modelled here: mayReply is true for every Member State until the ' +
    'secretariat records otherwise.',
} as const;

export const MEMBER_STATES: readonly MemberStateRecord[] = [
  { code: 'AD', iso3: 'AND', names: { en: 'Andorra', fr: 'Andorre', es: 'Andorra', ru: 'Андорра', ar: 'أندورا', zh: '安道尔' }, membership: 'member_state', mayReply: true },
  { code: 'AE', iso3: 'ARE', names: { en: 'United Arab Emirates', fr: 'Emirats arabes unis', es: 'Emiratos Árabes Unidos', ru: 'Объединенные Арабские Эмираты', ar: 'الإمارات العربية المتحدة', zh: '阿拉伯联合酋长国' }, membership: 'member_state', mayReply: true },
  { code: 'AF', iso3: 'AFG', names: { en: 'Afghanistan', fr: 'Afghanistan', es: 'Afganistán', ru: 'Афганистан', ar: 'أفغانستان', zh: '阿富汗' }, membership: 'member_state', mayReply: true },
  { code: 'AG', iso3: 'ATG', names: { en: 'Antigua and Barbuda', fr: 'Antigua-et-Barbuda', es: 'Antigua y Barbuda', ru: 'Антигуа и Барбуда', ar: 'أنتيغوا وبربودا', zh: '安提瓜和巴布达' }, membership: 'member_state', mayReply: true },
  { code: 'AL', iso3: 'ALB', names: { en: 'Albania', fr: 'Albanie', es: 'Albania', ru: 'Албания', ar: 'ألبانيا', zh: '阿尔巴尼亚' }, membership: 'member_state', mayReply: true },
  { code: 'AM', iso3: 'ARM', names: { en: 'Armenia', fr: 'Arménie', es: 'Armenia', ru: 'Армения', ar: 'أرمينيا', zh: '亚美尼亚' }, membership: 'member_state', mayReply: true },
  { code: 'AO', iso3: 'AGO', names: { en: 'Angola', fr: 'Angola', es: 'Angola', ru: 'Ангола', ar: 'أنغولا', zh: '安哥拉' }, membership: 'member_state', mayReply: true },
  { code: 'AR', iso3: 'ARG', names: { en: 'Argentina', fr: 'Argentine', es: 'Argentina', ru: 'Аргентина', ar: 'الأرجنتين', zh: '阿根廷' }, membership: 'member_state', mayReply: true },
  { code: 'AT', iso3: 'AUT', names: { en: 'Austria', fr: 'Autriche', es: 'Austria', ru: 'Австрия', ar: 'النمسا', zh: '奥地利' }, membership: 'member_state', mayReply: true },
  { code: 'AU', iso3: 'AUS', names: { en: 'Australia', fr: 'Australie', es: 'Australia', ru: 'Австралия', ar: 'أستراليا', zh: '澳大利亚' }, membership: 'member_state', mayReply: true },
  { code: 'AZ', iso3: 'AZE', names: { en: 'Azerbaijan', fr: 'Azerbaïdjan', es: 'Azerbaiyán', ru: 'Азербайджан', ar: 'أذربيجان', zh: '阿塞拜疆' }, membership: 'member_state', mayReply: true },
  { code: 'BA', iso3: 'BIH', names: { en: 'Bosnia and Herzegovina', fr: 'Bosnie-Herzégovine', es: 'Bosnia y Herzegovina', ru: 'Босния и Герцеговина', ar: 'البوسنة والهرسك', zh: '波斯尼亚和黑塞哥维那' }, membership: 'member_state', mayReply: true },
  { code: 'BB', iso3: 'BRB', names: { en: 'Barbados', fr: 'Barbade', es: 'Barbados', ru: 'Барбадос', ar: 'بربادوس', zh: '巴巴多斯' }, membership: 'member_state', mayReply: true },
  { code: 'BD', iso3: 'BGD', names: { en: 'Bangladesh', fr: 'Bangladesh', es: 'Bangladesh', ru: 'Бангладеш', ar: 'بنغلاديش', zh: '孟加拉国' }, membership: 'member_state', mayReply: true },
  { code: 'BE', iso3: 'BEL', names: { en: 'Belgium', fr: 'Belgique', es: 'Bélgica', ru: 'Бельгия', ar: 'بلجيكا', zh: '比利时' }, membership: 'member_state', mayReply: true },
  { code: 'BF', iso3: 'BFA', names: { en: 'Burkina Faso', fr: 'Burkina Faso', es: 'Burkina Faso', ru: 'Буркина-Фасо', ar: 'بوركينا فاسو', zh: '布基纳法索' }, membership: 'member_state', mayReply: true },
  { code: 'BG', iso3: 'BGR', names: { en: 'Bulgaria', fr: 'Bulgarie', es: 'Bulgaria', ru: 'Болгария', ar: 'بلغاريا', zh: '保加利亚' }, membership: 'member_state', mayReply: true },
  { code: 'BH', iso3: 'BHR', names: { en: 'Bahrain', fr: 'Bahreïn', es: 'Bahrein', ru: 'Бахрейн', ar: 'البحرين', zh: '巴林' }, membership: 'member_state', mayReply: true },
  { code: 'BI', iso3: 'BDI', names: { en: 'Burundi', fr: 'Burundi', es: 'Burundi', ru: 'Бурунди', ar: 'بوروندي', zh: '布隆迪' }, membership: 'member_state', mayReply: true },
  { code: 'BJ', iso3: 'BEN', names: { en: 'Benin', fr: 'Bénin', es: 'Benin', ru: 'Бенин', ar: 'بنن', zh: '贝宁' }, membership: 'member_state', mayReply: true },
  { code: 'BN', iso3: 'BRN', names: { en: 'Brunei Darussalam', fr: 'Brunéi Darussalam', es: 'Brunei Darussalam', ru: 'Бруней-Даруссалам', ar: 'بروني دار السلام', zh: '文莱达鲁萨兰国' }, membership: 'member_state', mayReply: true },
  { code: 'BO', iso3: 'BOL', names: { en: 'Bolivia (Plurinational State of)', fr: 'Bolivie (Etat plurinational de)', es: 'Bolivia (Estado Plurinacional de)', ru: 'Боливия (Многонациональное Государство)', ar: 'بوليفيا (دولة - المتعددة القوميات)', zh: '多民族玻利维亚国' }, membership: 'member_state', mayReply: true },
  { code: 'BR', iso3: 'BRA', names: { en: 'Brazil', fr: 'Brésil', es: 'Brasil', ru: 'Бразилия', ar: 'البرازيل', zh: '巴西' }, membership: 'member_state', mayReply: true },
  { code: 'BS', iso3: 'BHS', names: { en: 'Bahamas', fr: 'Bahamas', es: 'Bahamas', ru: 'Багамские Острова', ar: 'جزر البهاما', zh: '巴哈马' }, membership: 'member_state', mayReply: true },
  { code: 'BT', iso3: 'BTN', names: { en: 'Bhutan', fr: 'Bhoutan', es: 'Bhután', ru: 'Бутан', ar: 'بوتان', zh: '不丹' }, membership: 'member_state', mayReply: true },
  { code: 'BW', iso3: 'BWA', names: { en: 'Botswana', fr: 'Botswana', es: 'Botswana', ru: 'Ботсвана', ar: 'بوتسوانا', zh: '博茨瓦纳' }, membership: 'member_state', mayReply: true },
  { code: 'BY', iso3: 'BLR', names: { en: 'Belarus', fr: 'Bélarus', es: 'Belarús', ru: 'Беларусь', ar: 'بيلاروس', zh: '白俄罗斯' }, membership: 'member_state', mayReply: true },
  { code: 'BZ', iso3: 'BLZ', names: { en: 'Belize', fr: 'Belize', es: 'Belice', ru: 'Белиз', ar: 'بليز', zh: '伯利兹' }, membership: 'member_state', mayReply: true },
  { code: 'CA', iso3: 'CAN', names: { en: 'Canada', fr: 'Canada', es: 'Canadá', ru: 'Канада', ar: 'كندا', zh: '加拿大' }, membership: 'member_state', mayReply: true },
  { code: 'CD', iso3: 'COD', names: { en: 'Democratic Republic of the Congo', fr: 'République démocratique du Congo', es: 'República Democrática del Congo', ru: 'Демократическая Республика Конго', ar: 'جمهورية الكونغو الديمقراطية', zh: '刚果民主共和国' }, membership: 'member_state', mayReply: true },
  { code: 'CF', iso3: 'CAF', names: { en: 'Central African Republic', fr: 'République centrafricaine', es: 'República Centroafricana', ru: 'Центральноафриканская Республика', ar: 'جمهورية أفريقيا الوسطى', zh: '中非共和国' }, membership: 'member_state', mayReply: true },
  { code: 'CG', iso3: 'COG', names: { en: 'Congo (Republic of the)', fr: 'Congo (République du)', es: 'Congo (República del)', ru: 'Конго (Республика)', ar: 'الكونغو (جمهورية)', zh: '刚果共和国' }, membership: 'member_state', mayReply: true },
  { code: 'CH', iso3: 'CHE', names: { en: 'Switzerland', fr: 'Suisse', es: 'Suiza', ru: 'Швейцария', ar: 'سويسرا', zh: '瑞士' }, membership: 'member_state', mayReply: true },
  { code: 'CI', iso3: 'CIV', names: { en: "Côte d'Ivoire", fr: "Côte d'Ivoire", es: "Côte d'Ivoire", ru: "Кот-д'Ивуар", ar: 'كوت ديفوار', zh: '科特迪瓦' }, membership: 'member_state', mayReply: true },
  { code: 'CL', iso3: 'CHL', names: { en: 'Chile', fr: 'Chili', es: 'Chile', ru: 'Чили', ar: 'شيلي', zh: '智利' }, membership: 'member_state', mayReply: true },
  { code: 'CM', iso3: 'CMR', names: { en: 'Cameroon', fr: 'Cameroun', es: 'Camerún', ru: 'Камерун', ar: 'الكاميرون', zh: '喀麦隆' }, membership: 'member_state', mayReply: true },
  { code: 'CN', iso3: 'CHN', names: { en: 'China', fr: 'Chine', es: 'China', ru: 'Китай', ar: 'الصين', zh: '中国' }, membership: 'member_state', mayReply: true },
  { code: 'CO', iso3: 'COL', names: { en: 'Colombia', fr: 'Colombie', es: 'Colombia', ru: 'Колумбия', ar: 'كولومبيا', zh: '哥伦比亚' }, membership: 'member_state', mayReply: true },
  { code: 'CR', iso3: 'CRI', names: { en: 'Costa Rica', fr: 'Costa Rica', es: 'Costa Rica', ru: 'Коста-Рика', ar: 'كوستاريكا', zh: '哥斯达黎加' }, membership: 'member_state', mayReply: true },
  { code: 'CU', iso3: 'CUB', names: { en: 'Cuba', fr: 'Cuba', es: 'Cuba', ru: 'Куба', ar: 'كوبا', zh: '古巴' }, membership: 'member_state', mayReply: true },
  { code: 'CV', iso3: 'CPV', names: { en: 'Cabo Verde', fr: 'Cabo Verde', es: 'Cabo Verde', ru: 'Кабо-Верде', ar: 'كابو فيردي', zh: '佛得角' }, membership: 'member_state', mayReply: true },
  { code: 'CY', iso3: 'CYP', names: { en: 'Cyprus', fr: 'Chypre', es: 'Chipre', ru: 'Кипр', ar: 'قبرص', zh: '塞浦路斯' }, membership: 'member_state', mayReply: true },
  { code: 'CZ', iso3: 'CZE', names: { en: 'Czech Republic', fr: 'République tchèque', es: 'República Checa', ru: 'Чешская Республика', ar: 'الجمهورية التشيكية', zh: '捷克共和国' }, membership: 'member_state', mayReply: true },
  { code: 'DE', iso3: 'DEU', names: { en: 'Germany', fr: 'Allemagne', es: 'Alemania', ru: 'Германия', ar: 'ألمانيا', zh: '德国' }, membership: 'member_state', mayReply: true },
  { code: 'DJ', iso3: 'DJI', names: { en: 'Djibouti', fr: 'Djibouti', es: 'Djibouti', ru: 'Джибути', ar: 'جيبوتي', zh: '吉布提' }, membership: 'member_state', mayReply: true },
  { code: 'DK', iso3: 'DNK', names: { en: 'Denmark', fr: 'Danemark', es: 'Dinamarca', ru: 'Дания', ar: 'الدانمرك', zh: '丹麦' }, membership: 'member_state', mayReply: true },
  { code: 'DM', iso3: 'DMA', names: { en: 'Dominica', fr: 'Dominique', es: 'Dominica', ru: 'Доминика', ar: 'دومينيكا', zh: '多米尼克' }, membership: 'member_state', mayReply: true },
  { code: 'DO', iso3: 'DOM', names: { en: 'Dominican Republic', fr: 'République dominicaine', es: 'República Dominicana', ru: 'Доминиканская Республика', ar: 'الجمهورية الدومينيكية', zh: '多米尼加' }, membership: 'member_state', mayReply: true },
  { code: 'DZ', iso3: 'DZA', names: { en: 'Algeria', fr: 'Algérie', es: 'Argelia', ru: 'Алжир', ar: 'الجزائر', zh: '阿尔及利亚' }, membership: 'member_state', mayReply: true },
  { code: 'EC', iso3: 'ECU', names: { en: 'Ecuador', fr: 'Equateur', es: 'Ecuador', ru: 'Эквадор', ar: 'إكوادور', zh: '厄瓜多尔' }, membership: 'member_state', mayReply: true },
  { code: 'EE', iso3: 'EST', names: { en: 'Estonia', fr: 'Estonie', es: 'Estonia', ru: 'Эстония', ar: 'إستونيا', zh: '爱沙尼亚' }, membership: 'member_state', mayReply: true },
  { code: 'EG', iso3: 'EGY', names: { en: 'Egypt', fr: 'Egypte', es: 'Egipto', ru: 'Египет', ar: 'مصر', zh: '埃及' }, membership: 'member_state', mayReply: true },
  { code: 'ER', iso3: 'ERI', names: { en: 'Eritrea', fr: 'Erythrée', es: 'Eritrea', ru: 'Эритрея', ar: 'إريتريا', zh: '厄立特里亚' }, membership: 'member_state', mayReply: true },
  { code: 'ES', iso3: 'ESP', names: { en: 'Spain', fr: 'Espagne', es: 'España', ru: 'Испания', ar: 'إسبانيا', zh: '西班牙' }, membership: 'member_state', mayReply: true },
  { code: 'ET', iso3: 'ETH', names: { en: 'Ethiopia', fr: 'Ethiopie', es: 'Etiopía', ru: 'Эфиопия', ar: 'إثيوبيا', zh: '埃塞俄比亚' }, membership: 'member_state', mayReply: true },
  { code: 'FI', iso3: 'FIN', names: { en: 'Finland', fr: 'Finlande', es: 'Finlandia', ru: 'Финляндия', ar: 'فنلندا', zh: '芬兰' }, membership: 'member_state', mayReply: true },
  { code: 'FJ', iso3: 'FJI', names: { en: 'Fiji', fr: 'Fidji', es: 'Fiji', ru: 'Фиджи', ar: 'فيجي', zh: '斐济' }, membership: 'member_state', mayReply: true },
  { code: 'FM', iso3: 'FSM', names: { en: 'Micronesia', fr: 'Micronésie', es: 'Micronesia', ru: 'Микронезия', ar: 'ميكرونيزيا', zh: '密克罗尼西亚' }, membership: 'member_state', mayReply: true },
  { code: 'FR', iso3: 'FRA', names: { en: 'France', fr: 'France', es: 'Francia', ru: 'Франция', ar: 'فرنسا', zh: '法国' }, membership: 'member_state', mayReply: true },
  { code: 'GA', iso3: 'GAB', names: { en: 'Gabon', fr: 'Gabon', es: 'Gabón', ru: 'Габон', ar: 'غابون', zh: '加蓬' }, membership: 'member_state', mayReply: true },
  { code: 'GB', iso3: 'GBR', names: { en: 'United Kingdom of Great Britain and Northern Ireland', fr: "Royaume-Uni de Grande-Bretagne et d'Irlande du Nord", es: 'Reino Unido de Gran Bretaña e Irlanda del Norte', ru: 'Соединенное Королевство Великобритании и Северной Ирландии', ar: 'المملكة المتحدة لبريطانيا العظمى وأيرلندا الشمالية', zh: '大不列颠及北爱尔兰联合王国' }, membership: 'member_state', mayReply: true },
  { code: 'GD', iso3: 'GRD', names: { en: 'Grenada', fr: 'Grenade', es: 'Granada', ru: 'Гренада', ar: 'غرينادا', zh: '格林纳达' }, membership: 'member_state', mayReply: true },
  { code: 'GE', iso3: 'GEO', names: { en: 'Georgia', fr: 'Géorgie', es: 'Georgia', ru: 'Грузия', ar: 'جورجيا', zh: '格鲁吉亚' }, membership: 'member_state', mayReply: true },
  { code: 'GH', iso3: 'GHA', names: { en: 'Ghana', fr: 'Ghana', es: 'Ghana', ru: 'Гана', ar: 'غانا', zh: '加纳' }, membership: 'member_state', mayReply: true },
  { code: 'GM', iso3: 'GMB', names: { en: 'Gambia (Republic of the)', fr: 'Gambie (République de)', es: 'Gambia (República de)', ru: 'Гамбия (Республика)', ar: 'غامبيا (جمهورية)', zh: '冈比亚共和国' }, membership: 'member_state', mayReply: true },
  { code: 'GN', iso3: 'GIN', names: { en: 'Guinea', fr: 'Guinée', es: 'Guinea', ru: 'Гвинея', ar: 'غينيا', zh: '几内亚' }, membership: 'member_state', mayReply: true },
  { code: 'GQ', iso3: 'GNQ', names: { en: 'Equatorial Guinea', fr: 'Guinée équatoriale', es: 'Guinea Ecuatorial', ru: 'Экваториальная Гвинея', ar: 'غينيا الإستوائية', zh: '赤道几内亚' }, membership: 'member_state', mayReply: true },
  { code: 'GR', iso3: 'GRC', names: { en: 'Greece', fr: 'Grèce', es: 'Grecia', ru: 'Греция', ar: 'اليونان', zh: '希腊' }, membership: 'member_state', mayReply: true },
  { code: 'GT', iso3: 'GTM', names: { en: 'Guatemala', fr: 'Guatemala', es: 'Guatemala', ru: 'Гватемала', ar: 'غواتيمالا', zh: '危地马拉' }, membership: 'member_state', mayReply: true },
  { code: 'GW', iso3: 'GNB', names: { en: 'Guinea-Bissau', fr: 'Guinée-Bissau', es: 'Guinea-Bissau', ru: 'Гвинея-Бисау', ar: 'غينيا-بيساو', zh: '几内亚比绍' }, membership: 'member_state', mayReply: true },
  { code: 'GY', iso3: 'GUY', names: { en: 'Guyana', fr: 'Guyana', es: 'Guyana', ru: 'Гайана', ar: 'غيانا', zh: '圭亚那' }, membership: 'member_state', mayReply: true },
  { code: 'HN', iso3: 'HND', names: { en: 'Honduras', fr: 'Honduras', es: 'Honduras', ru: 'Гондурас', ar: 'هندوراس', zh: '洪都拉斯' }, membership: 'member_state', mayReply: true },
  { code: 'HR', iso3: 'HRV', names: { en: 'Croatia', fr: 'Croatie', es: 'Croacia', ru: 'Хорватия', ar: 'كرواتيا', zh: '克罗地亚' }, membership: 'member_state', mayReply: true },
  { code: 'HT', iso3: 'HTI', names: { en: 'Haiti', fr: 'Haïti', es: 'Haití', ru: 'Гаити', ar: 'هايتي', zh: '海地' }, membership: 'member_state', mayReply: true },
  { code: 'HU', iso3: 'HUN', names: { en: 'Hungary', fr: 'Hongrie', es: 'Hungría', ru: 'Венгрия', ar: 'هنغاريا', zh: '匈牙利' }, membership: 'member_state', mayReply: true },
  { code: 'ID', iso3: 'IDN', names: { en: 'Indonesia', fr: 'Indonésie', es: 'Indonesia', ru: 'Индонезия', ar: 'إندونيسيا', zh: '印度尼西亚' }, membership: 'member_state', mayReply: true },
  { code: 'IE', iso3: 'IRL', names: { en: 'Ireland', fr: 'Irlande', es: 'Irlanda', ru: 'Ирландия', ar: 'أيرلندا', zh: '爱尔兰' }, membership: 'member_state', mayReply: true },
  { code: 'IL', iso3: 'ISR', names: { en: 'Israel', fr: 'Israël', es: 'Israel', ru: 'Израиль', ar: 'إسرائيل', zh: '以色列' }, membership: 'member_state', mayReply: true },
  { code: 'IN', iso3: 'IND', names: { en: 'India', fr: 'Inde', es: 'India', ru: 'Индия', ar: 'الهند', zh: '印度' }, membership: 'member_state', mayReply: true },
  { code: 'IQ', iso3: 'IRQ', names: { en: 'Iraq', fr: 'Iraq', es: 'Iraq', ru: 'Ирак', ar: 'العراق', zh: '伊拉克' }, membership: 'member_state', mayReply: true },
  { code: 'IR', iso3: 'IRN', names: { en: 'Iran (Islamic Republic of)', fr: "Iran (République islamique d')", es: 'Irán (República Islámica del)', ru: 'Иран (Исламская Республика)', ar: 'إيران (جمهورية - الإسلامية)', zh: '伊朗伊斯兰共和国' }, membership: 'member_state', mayReply: true },
  { code: 'IS', iso3: 'ISL', names: { en: 'Iceland', fr: 'Islande', es: 'Islandia', ru: 'Исландия', ar: 'آيسلندا', zh: '冰岛' }, membership: 'member_state', mayReply: true },
  { code: 'IT', iso3: 'ITA', names: { en: 'Italy', fr: 'Italie', es: 'Italia', ru: 'Италия', ar: 'إيطاليا', zh: '意大利' }, membership: 'member_state', mayReply: true },
  { code: 'JM', iso3: 'JAM', names: { en: 'Jamaica', fr: 'Jamaïque', es: 'Jamaica', ru: 'Ямайка', ar: 'جامايكا', zh: '牙买加' }, membership: 'member_state', mayReply: true },
  { code: 'JO', iso3: 'JOR', names: { en: 'Jordan', fr: 'Jordanie', es: 'Jordania', ru: 'Иордания', ar: 'الأردن', zh: '约旦' }, membership: 'member_state', mayReply: true },
  { code: 'JP', iso3: 'JPN', names: { en: 'Japan', fr: 'Japon', es: 'Japón', ru: 'Япония', ar: 'اليابان', zh: '日本' }, membership: 'member_state', mayReply: true },
  { code: 'KE', iso3: 'KEN', names: { en: 'Kenya', fr: 'Kenya', es: 'Kenya', ru: 'Кения', ar: 'كينيا', zh: '肯尼亚' }, membership: 'member_state', mayReply: true },
  { code: 'KG', iso3: 'KGZ', names: { en: 'Kyrgyzstan', fr: 'Kirghizistan', es: 'Kirguistán', ru: 'Кыргызстан', ar: 'قيرغيزستان', zh: '吉尔吉斯斯坦' }, membership: 'member_state', mayReply: true },
  { code: 'KH', iso3: 'KHM', names: { en: 'Cambodia', fr: 'Cambodge', es: 'Camboya', ru: 'Камбоджа', ar: 'كمبوديا', zh: '柬埔寨' }, membership: 'member_state', mayReply: true },
  { code: 'KI', iso3: 'KIR', names: { en: 'Kiribati', fr: 'Kiribati', es: 'Kiribati', ru: 'Кирибати', ar: 'كيريباس', zh: '基里巴斯' }, membership: 'member_state', mayReply: true },
  { code: 'KM', iso3: 'COM', names: { en: 'Comoros', fr: 'Comores', es: 'Comoras', ru: 'Коморские Острова', ar: 'جزر القمر', zh: '科摩罗' }, membership: 'member_state', mayReply: true },
  { code: 'KN', iso3: 'KNA', names: { en: 'Saint Kitts and Nevis', fr: 'Saint-Kitts-et-Nevis', es: 'Saint Kitts y Nevis', ru: 'Сент-Китс и Невис', ar: 'سانت كيتس ونيفس', zh: '圣基茨和尼维斯' }, membership: 'member_state', mayReply: true },
  { code: 'KP', iso3: 'PRK', names: { en: "Dem. People's Rep. of Korea", fr: 'Rép. pop. dém. de Corée', es: 'Rep. Pop. Dem. de Corea', ru: 'Корейская Народно-Демократическая Республика', ar: 'جمهورية كوريا الشعبية الديمقراطية', zh: '朝鲜民主主义人民共和国' }, membership: 'member_state', mayReply: true },
  { code: 'KR', iso3: 'KOR', names: { en: 'Korea (Republic of)', fr: 'Corée (République de)', es: 'Corea (República de)', ru: 'Корея (Республика)', ar: 'كوريا (جمهورية)', zh: '大韩民国' }, membership: 'member_state', mayReply: true },
  { code: 'KW', iso3: 'KWT', names: { en: 'Kuwait', fr: 'Koweït', es: 'Kuwait', ru: 'Кувейт', ar: 'الكويت', zh: '科威特' }, membership: 'member_state', mayReply: true },
  { code: 'KZ', iso3: 'KAZ', names: { en: 'Kazakhstan', fr: 'Kazakhstan', es: 'Kazajstán', ru: 'Казахстан', ar: 'كازاخستان', zh: '哈萨克斯坦' }, membership: 'member_state', mayReply: true },
  { code: 'LA', iso3: 'LAO', names: { en: 'Lao P.D.R.', fr: 'Lao (R.d.p.)', es: 'Lao (R.D.P.)', ru: 'Лаосская Народно-Демократическая Республика', ar: 'جمهورية لاو الديمقراطية الشعبية', zh: '老挝人民民主共和国' }, membership: 'member_state', mayReply: true },
  { code: 'LB', iso3: 'LBN', names: { en: 'Lebanon', fr: 'Liban', es: 'Líbano', ru: 'Ливан', ar: 'لبنان', zh: '黎巴嫩' }, membership: 'member_state', mayReply: true },
  { code: 'LC', iso3: 'LCA', names: { en: 'Saint Lucia', fr: 'Sainte-Lucie', es: 'Santa Lucía', ru: 'Сент-Люсия', ar: 'سانت لوسيا', zh: '圣卢西亚' }, membership: 'member_state', mayReply: true },
  { code: 'LI', iso3: 'LIE', names: { en: 'Liechtenstein', fr: 'Liechtenstein', es: 'Liechtenstein', ru: 'Лихтенштейн', ar: 'ليختنشتاين', zh: '列支敦士登' }, membership: 'member_state', mayReply: true },
  { code: 'LK', iso3: 'LKA', names: { en: 'Sri Lanka', fr: 'Sri Lanka', es: 'Sri Lanka', ru: 'Шри-Ланка', ar: 'سري لانكا', zh: '斯里兰卡' }, membership: 'member_state', mayReply: true },
  { code: 'LR', iso3: 'LBR', names: { en: 'Liberia', fr: 'Libéria', es: 'Liberia', ru: 'Либерия', ar: 'ليبريا', zh: '利比里亚' }, membership: 'member_state', mayReply: true },
  { code: 'LS', iso3: 'LSO', names: { en: 'Lesotho', fr: 'Lesotho', es: 'Lesotho', ru: 'Лесото', ar: 'ليسوتو', zh: '莱索托' }, membership: 'member_state', mayReply: true },
  { code: 'LT', iso3: 'LTU', names: { en: 'Lithuania', fr: 'Lituanie', es: 'Lituania', ru: 'Литва', ar: 'ليتوانيا', zh: '立陶宛' }, membership: 'member_state', mayReply: true },
  { code: 'LU', iso3: 'LUX', names: { en: 'Luxembourg', fr: 'Luxembourg', es: 'Luxemburgo', ru: 'Люксембург', ar: 'لكسمبرغ', zh: '卢森堡' }, membership: 'member_state', mayReply: true },
  { code: 'LV', iso3: 'LVA', names: { en: 'Latvia', fr: 'Lettonie', es: 'Letonia', ru: 'Латвия', ar: 'لاتفيا', zh: '拉脱维亚' }, membership: 'member_state', mayReply: true },
  { code: 'LY', iso3: 'LBY', names: { en: 'Libya', fr: 'Libye', es: 'Libia', ru: 'Ливия', ar: 'ليبيا', zh: '利比亚' }, membership: 'member_state', mayReply: true },
  { code: 'MA', iso3: 'MAR', names: { en: 'Morocco', fr: 'Maroc', es: 'Marruecos', ru: 'Марокко', ar: 'المغرب', zh: '摩洛哥' }, membership: 'member_state', mayReply: true },
  { code: 'MC', iso3: 'MCO', names: { en: 'Monaco', fr: 'Monaco', es: 'Mónaco', ru: 'Монако', ar: 'موناكو', zh: '摩纳哥' }, membership: 'member_state', mayReply: true },
  { code: 'MD', iso3: 'MDA', names: { en: 'Moldova (Republic of)', fr: 'Moldova (République de)', es: 'Moldova (República de)', ru: 'Молдова (Республика)', ar: 'مولدوفا (جمهورية)', zh: '摩尔多瓦共和国' }, membership: 'member_state', mayReply: true },
  { code: 'ME', iso3: 'MNE', names: { en: 'Montenegro', fr: 'Monténégro', es: 'Montenegro', ru: 'Черногория', ar: 'الجبل الأسود', zh: '黑山' }, membership: 'member_state', mayReply: true },
  { code: 'MG', iso3: 'MDG', names: { en: 'Madagascar', fr: 'Madagascar', es: 'Madagascar', ru: 'Мадагаскар', ar: 'مدغشقر', zh: '马达加斯加' }, membership: 'member_state', mayReply: true },
  { code: 'MH', iso3: 'MHL', names: { en: 'Marshall Islands', fr: 'Iles Marshall', es: 'Islas Marshall', ru: 'Маршалловы Острова', ar: 'جزر مارشال', zh: '马绍尔群岛' }, membership: 'member_state', mayReply: true },
  { code: 'MK', iso3: 'MKD', names: { en: 'North Macedonia', fr: 'Macédoine du Nord', es: 'Macedonia del Norte', ru: 'Северная Македония', ar: 'مقدونيا الشمالية', zh: '北马其顿' }, membership: 'member_state', mayReply: true },
  { code: 'ML', iso3: 'MLI', names: { en: 'Mali', fr: 'Mali', es: 'Malí', ru: 'Мали', ar: 'مالي', zh: '马里' }, membership: 'member_state', mayReply: true },
  { code: 'MM', iso3: 'MMR', names: { en: 'Myanmar', fr: 'Myanmar', es: 'Myanmar', ru: 'Мьянма', ar: 'ميانمار', zh: '缅甸' }, membership: 'member_state', mayReply: true },
  { code: 'MN', iso3: 'MNG', names: { en: 'Mongolia', fr: 'Mongolie', es: 'Mongolia', ru: 'Монголия', ar: 'منغوليا', zh: '蒙古' }, membership: 'member_state', mayReply: true },
  { code: 'MR', iso3: 'MRT', names: { en: 'Mauritania', fr: 'Mauritanie', es: 'Mauritania', ru: 'Мавритания', ar: 'موريتانيا', zh: '毛里塔尼亚' }, membership: 'member_state', mayReply: true },
  { code: 'MT', iso3: 'MLT', names: { en: 'Malta', fr: 'Malte', es: 'Malta', ru: 'Мальта', ar: 'مالطة', zh: '马耳他' }, membership: 'member_state', mayReply: true },
  { code: 'MU', iso3: 'MUS', names: { en: 'Mauritius', fr: 'Maurice', es: 'Mauricio', ru: 'Маврикий', ar: 'موريشيوس', zh: '毛里求斯' }, membership: 'member_state', mayReply: true },
  { code: 'MV', iso3: 'MDV', names: { en: 'Maldives', fr: 'Maldives', es: 'Maldivas', ru: 'Мальдивские Острова', ar: 'ملديف', zh: '马尔代夫' }, membership: 'member_state', mayReply: true },
  { code: 'MW', iso3: 'MWI', names: { en: 'Malawi', fr: 'Malawi', es: 'Malawi', ru: 'Малави', ar: 'ملاوي', zh: '马拉维' }, membership: 'member_state', mayReply: true },
  { code: 'MX', iso3: 'MEX', names: { en: 'Mexico', fr: 'Mexique', es: 'México', ru: 'Мексика', ar: 'المكسيك', zh: '墨西哥' }, membership: 'member_state', mayReply: true },
  { code: 'MY', iso3: 'MYS', names: { en: 'Malaysia', fr: 'Malaisie', es: 'Malasia', ru: 'Малайзия', ar: 'ماليزيا', zh: '马来西亚' }, membership: 'member_state', mayReply: true },
  { code: 'MZ', iso3: 'MOZ', names: { en: 'Mozambique', fr: 'Mozambique', es: 'Mozambique', ru: 'Мозамбик', ar: 'موزامبيق', zh: '莫桑比克' }, membership: 'member_state', mayReply: true },
  { code: 'NA', iso3: 'NAM', names: { en: 'Namibia', fr: 'Namibie', es: 'Namibia', ru: 'Намибия', ar: 'ناميبيا', zh: '纳米比亚' }, membership: 'member_state', mayReply: true },
  { code: 'NE', iso3: 'NER', names: { en: 'Niger', fr: 'Niger', es: 'Níger', ru: 'Нигер', ar: 'النيجر', zh: '尼日尔' }, membership: 'member_state', mayReply: true },
  { code: 'NG', iso3: 'NGA', names: { en: 'Nigeria', fr: 'Nigéria', es: 'Nigeria', ru: 'Нигерия', ar: 'نيجيريا', zh: '尼日利亚' }, membership: 'member_state', mayReply: true },
  { code: 'NI', iso3: 'NIC', names: { en: 'Nicaragua', fr: 'Nicaragua', es: 'Nicaragua', ru: 'Никарагуа', ar: 'نيكاراغوا', zh: '尼加拉瓜' }, membership: 'member_state', mayReply: true },
  { code: 'NL', iso3: 'NLD', names: { en: 'Netherlands (Kingdom of the)', fr: 'Pays-Bas (Royaume des)', es: 'Países Bajos (Reino de los)', ru: 'Нидерланды (Королевство)', ar: 'هولندا (مملكة)', zh: '荷兰王国' }, membership: 'member_state', mayReply: true },
  { code: 'NO', iso3: 'NOR', names: { en: 'Norway', fr: 'Norvège', es: 'Noruega', ru: 'Норвегия', ar: 'النرويج', zh: '挪威' }, membership: 'member_state', mayReply: true },
  { code: 'NP', iso3: 'NPL', names: { en: 'Nepal', fr: 'Népal', es: 'Nepal', ru: 'Непал', ar: 'نيبال', zh: '尼泊尔' }, membership: 'member_state', mayReply: true },
  { code: 'NR', iso3: 'NRU', names: { en: 'Nauru', fr: 'Nauru', es: 'Nauru', ru: 'Науру', ar: 'ناورو', zh: '瑙鲁' }, membership: 'member_state', mayReply: true },
  { code: 'NZ', iso3: 'NZL', names: { en: 'New Zealand', fr: 'Nouvelle-Zélande', es: 'Nueva Zelandia', ru: 'Новая Зеландия', ar: 'نيوزيلندا', zh: '新西兰' }, membership: 'member_state', mayReply: true },
  { code: 'OM', iso3: 'OMN', names: { en: 'Oman', fr: 'Oman', es: 'Omán', ru: 'Оман', ar: 'عمان', zh: '阿曼' }, membership: 'member_state', mayReply: true },
  { code: 'PA', iso3: 'PAN', names: { en: 'Panama', fr: 'Panama', es: 'Panamá', ru: 'Панама', ar: 'بنما', zh: '巴拿马' }, membership: 'member_state', mayReply: true },
  { code: 'PE', iso3: 'PER', names: { en: 'Peru', fr: 'Pérou', es: 'Perú', ru: 'Перу', ar: 'بيرو', zh: '秘鲁' }, membership: 'member_state', mayReply: true },
  { code: 'PG', iso3: 'PNG', names: { en: 'Papua New Guinea', fr: 'Papouasie-Nouvelle-Guinée', es: 'Papua Nueva Guinea', ru: 'Папуа-Новая Гвинея', ar: 'بابوا غينيا الجديدة', zh: '巴布亚新几内亚' }, membership: 'member_state', mayReply: true },
  { code: 'PH', iso3: 'PHL', names: { en: 'Philippines', fr: 'Philippines', es: 'Filipinas', ru: 'Филиппины', ar: 'الفلبين', zh: '菲律宾' }, membership: 'member_state', mayReply: true },
  { code: 'PK', iso3: 'PAK', names: { en: 'Pakistan', fr: 'Pakistan', es: 'Pakistán', ru: 'Пакистан', ar: 'باكستان', zh: '巴基斯坦' }, membership: 'member_state', mayReply: true },
  { code: 'PL', iso3: 'POL', names: { en: 'Poland', fr: 'Pologne', es: 'Polonia', ru: 'Польша', ar: 'بولندا', zh: '波兰' }, membership: 'member_state', mayReply: true },
  {
    code: 'PS',
    iso3: 'PSE',
    names: { en: 'Palestine', fr: 'Palestine', es: 'Palestina', ru: 'Палестина', ar: 'فلسطين', zh: '巴勒斯坦' },
    membership: 'observer',
    mayReply: false,
    eligibilityNote:
      'Observer, not a Member State: Palestine takes part in ITU under Plenipotentiary Conference ' +
      'Resolution 99 (Status of Palestine in ITU). WTSA Resolution 1 §9.4.1 reserves replies to a ' +
      'Member State consultation to Member States.',
  },
  { code: 'PT', iso3: 'PRT', names: { en: 'Portugal', fr: 'Portugal', es: 'Portugal', ru: 'Португалия', ar: 'البرتغال', zh: '葡萄牙' }, membership: 'member_state', mayReply: true },
  { code: 'PW', iso3: 'PLW', names: { en: 'Palau', fr: 'Palaos', es: 'Palau', ru: 'Палау', ar: 'بالاو', zh: '帕劳' }, membership: 'member_state', mayReply: true },
  { code: 'PY', iso3: 'PRY', names: { en: 'Paraguay', fr: 'Paraguay', es: 'Paraguay', ru: 'Парагвай', ar: 'باراغواي', zh: '巴拉圭' }, membership: 'member_state', mayReply: true },
  { code: 'QA', iso3: 'QAT', names: { en: 'Qatar', fr: 'Qatar', es: 'Qatar', ru: 'Катар', ar: 'قطر', zh: '卡塔尔' }, membership: 'member_state', mayReply: true },
  { code: 'RO', iso3: 'ROU', names: { en: 'Romania', fr: 'Roumanie', es: 'Rumania', ru: 'Румыния', ar: 'رومانيا', zh: '罗马尼亚' }, membership: 'member_state', mayReply: true },
  { code: 'RS', iso3: 'SRB', names: { en: 'Serbia', fr: 'Serbie', es: 'Serbia', ru: 'Сербия', ar: 'صربيا', zh: '塞尔维亚' }, membership: 'member_state', mayReply: true },
  { code: 'RU', iso3: 'RUS', names: { en: 'Russian Federation', fr: 'Fédération de Russie', es: 'Federación de Rusia', ru: 'Российская Федерация', ar: 'الاتحاد الروسي', zh: '俄罗斯联邦' }, membership: 'member_state', mayReply: true },
  { code: 'RW', iso3: 'RWA', names: { en: 'Rwanda', fr: 'Rwanda', es: 'Rwanda', ru: 'Руанда', ar: 'رواندا', zh: '卢旺达' }, membership: 'member_state', mayReply: true },
  { code: 'SA', iso3: 'SAU', names: { en: 'Saudi Arabia', fr: 'Arabie saoudite', es: 'Arabia Saudita', ru: 'Саудовская Аравия', ar: 'المملكة العربية السعودية', zh: '沙特阿拉伯' }, membership: 'member_state', mayReply: true },
  { code: 'SB', iso3: 'SLB', names: { en: 'Solomon Islands', fr: 'Iles Salomon', es: 'Islas Salomón', ru: 'Соломоновы Острова', ar: 'جزر سليمان', zh: '所罗门群岛' }, membership: 'member_state', mayReply: true },
  { code: 'SC', iso3: 'SYC', names: { en: 'Seychelles', fr: 'Seychelles', es: 'Seychelles', ru: 'Сейшельские Острова', ar: 'سيشيل', zh: '塞舌尔' }, membership: 'member_state', mayReply: true },
  { code: 'SD', iso3: 'SDN', names: { en: 'Sudan', fr: 'Soudan', es: 'Sudán', ru: 'Судан', ar: 'السودان', zh: '苏丹' }, membership: 'member_state', mayReply: true },
  { code: 'SE', iso3: 'SWE', names: { en: 'Sweden', fr: 'Suède', es: 'Suecia', ru: 'Швеция', ar: 'السويد', zh: '瑞典' }, membership: 'member_state', mayReply: true },
  { code: 'SG', iso3: 'SGP', names: { en: 'Singapore', fr: 'Singapour', es: 'Singapur', ru: 'Сингапур', ar: 'سنغافورة', zh: '新加坡' }, membership: 'member_state', mayReply: true },
  { code: 'SI', iso3: 'SVN', names: { en: 'Slovenia', fr: 'Slovénie', es: 'Eslovenia', ru: 'Словения', ar: 'سلوفينيا', zh: '斯洛文尼亚' }, membership: 'member_state', mayReply: true },
  { code: 'SK', iso3: 'SVK', names: { en: 'Slovakia', fr: 'Slovaquie', es: 'Eslovaquia', ru: 'Словакия', ar: 'سلوفاكيا', zh: '斯洛伐克' }, membership: 'member_state', mayReply: true },
  { code: 'SL', iso3: 'SLE', names: { en: 'Sierra Leone', fr: 'Sierra Leone', es: 'Sierra Leona', ru: 'Сьерра-Леоне', ar: 'سيراليون', zh: '塞拉利昂' }, membership: 'member_state', mayReply: true },
  { code: 'SM', iso3: 'SMR', names: { en: 'San Marino', fr: 'Saint-Marin', es: 'San Marino', ru: 'Сан-Марино', ar: 'سان مارينو', zh: '圣马力诺' }, membership: 'member_state', mayReply: true },
  { code: 'SN', iso3: 'SEN', names: { en: 'Senegal', fr: 'Sénégal', es: 'Senegal', ru: 'Сенегал', ar: 'السنغال', zh: '塞内加尔' }, membership: 'member_state', mayReply: true },
  { code: 'SO', iso3: 'SOM', names: { en: 'Somalia', fr: 'Somalie', es: 'Somalia', ru: 'Сомали', ar: 'الصومال', zh: '索马里' }, membership: 'member_state', mayReply: true },
  { code: 'SR', iso3: 'SUR', names: { en: 'Suriname', fr: 'Suriname', es: 'Suriname', ru: 'Суринам', ar: 'سورينام', zh: '苏里南' }, membership: 'member_state', mayReply: true },
  { code: 'SS', iso3: 'SSD', names: { en: 'South Sudan', fr: 'Soudan du Sud', es: 'Sudán del Sur', ru: 'Южный Судан', ar: 'جنوب السودان', zh: '南苏丹' }, membership: 'member_state', mayReply: true },
  { code: 'ST', iso3: 'STP', names: { en: 'Sao Tome and Principe', fr: 'Sao Tomé-et-Principe', es: 'Santo Tomé y Príncipe', ru: 'Сан-Томе и Принсипи', ar: 'سان تومي وبرينسيبي', zh: '圣多美和普林西比' }, membership: 'member_state', mayReply: true },
  { code: 'SV', iso3: 'SLV', names: { en: 'El Salvador', fr: 'El Salvador', es: 'El Salvador', ru: 'Сальвадор', ar: 'السلفادور', zh: '萨尔瓦多' }, membership: 'member_state', mayReply: true },
  { code: 'SY', iso3: 'SYR', names: { en: 'Syrian Arab Republic', fr: 'République arabe syrienne', es: 'República Árabe Siria', ru: 'Сирийская Арабская Республика', ar: 'الجمهورية العربية السورية', zh: '阿拉伯叙利亚共和国' }, membership: 'member_state', mayReply: true },
  { code: 'SZ', iso3: 'SWZ', names: { en: 'Eswatini (Kingdom of)', fr: "Eswatini (Royaume d')", es: 'Eswatini (Reino de)', ru: 'Эсватини (Королевство)', ar: 'إسواتيني (مملكة)', zh: '斯威士兰王国' }, membership: 'member_state', mayReply: true },
  { code: 'TD', iso3: 'TCD', names: { en: 'Chad', fr: 'Tchad', es: 'Chad', ru: 'Чад', ar: 'تشاد', zh: '乍得' }, membership: 'member_state', mayReply: true },
  { code: 'TG', iso3: 'TGO', names: { en: 'Togo', fr: 'Togo', es: 'Togo', ru: 'Того', ar: 'توغو', zh: '多哥' }, membership: 'member_state', mayReply: true },
  { code: 'TH', iso3: 'THA', names: { en: 'Thailand', fr: 'Thaïlande', es: 'Tailandia', ru: 'Таиланд', ar: 'تايلند', zh: '泰国' }, membership: 'member_state', mayReply: true },
  { code: 'TJ', iso3: 'TJK', names: { en: 'Tajikistan', fr: 'Tadjikistan', es: 'Tayikistán', ru: 'Таджикистан', ar: 'طاجيكستان', zh: '塔吉克斯坦' }, membership: 'member_state', mayReply: true },
  { code: 'TL', iso3: 'TLS', names: { en: 'Timor-Leste', fr: 'Timor-Leste', es: 'Timor-Leste', ru: 'Тимор-Лешти', ar: 'تيمور-ليشتي', zh: '东帝汶' }, membership: 'member_state', mayReply: true },
  { code: 'TM', iso3: 'TKM', names: { en: 'Turkmenistan', fr: 'Turkménistan', es: 'Turkmenistán', ru: 'Туркменистан', ar: 'تركمانستان', zh: '土库曼斯坦' }, membership: 'member_state', mayReply: true },
  { code: 'TN', iso3: 'TUN', names: { en: 'Tunisia', fr: 'Tunisie', es: 'Túnez', ru: 'Тунис', ar: 'تونس', zh: '突尼斯' }, membership: 'member_state', mayReply: true },
  { code: 'TO', iso3: 'TON', names: { en: 'Tonga', fr: 'Tonga', es: 'Tonga', ru: 'Тонга', ar: 'تونغا', zh: '汤加' }, membership: 'member_state', mayReply: true },
  { code: 'TR', iso3: 'TUR', names: { en: 'Türkiye', fr: 'Türkiye', es: 'Türkiye', ru: 'Турция', ar: 'تركيا', zh: '土耳其' }, membership: 'member_state', mayReply: true },
  { code: 'TT', iso3: 'TTO', names: { en: 'Trinidad and Tobago', fr: 'Trinité-et-Tobago', es: 'Trinidad y Tabago', ru: 'Тринидад и Тобаго', ar: 'ترينيداد وتوباغو', zh: '特立尼达和多巴哥' }, membership: 'member_state', mayReply: true },
  { code: 'TV', iso3: 'TUV', names: { en: 'Tuvalu', fr: 'Tuvalu', es: 'Tuvalu', ru: 'Тувалу', ar: 'توفالو', zh: '图瓦卢' }, membership: 'member_state', mayReply: true },
  { code: 'TZ', iso3: 'TZA', names: { en: 'Tanzania (United Republic of)', fr: 'Tanzanie (République-Unie de)', es: 'Tanzanía (República Unida de)', ru: 'Танзания (Объединенная Республика)', ar: 'تنزانيا (جمهورية - المتحدة)', zh: '坦桑尼亚联合共和国' }, membership: 'member_state', mayReply: true },
  { code: 'UA', iso3: 'UKR', names: { en: 'Ukraine', fr: 'Ukraine', es: 'Ucrania', ru: 'Украина', ar: 'أوكرانيا', zh: '乌克兰' }, membership: 'member_state', mayReply: true },
  { code: 'UG', iso3: 'UGA', names: { en: 'Uganda', fr: 'Ouganda', es: 'Uganda', ru: 'Уганда', ar: 'أوغندا', zh: '乌干达' }, membership: 'member_state', mayReply: true },
  { code: 'US', iso3: 'USA', names: { en: 'United States', fr: 'Etats-Unis', es: 'Estados Unidos', ru: 'Соединенные Штаты', ar: 'الولايات المتحدة', zh: '美国' }, membership: 'member_state', mayReply: true },
  { code: 'UY', iso3: 'URY', names: { en: 'Uruguay', fr: 'Uruguay', es: 'Uruguay', ru: 'Уругвай', ar: 'أوروغواي', zh: '乌拉圭' }, membership: 'member_state', mayReply: true },
  { code: 'UZ', iso3: 'UZB', names: { en: 'Uzbekistan', fr: 'Ouzbékistan', es: 'Uzbekistán', ru: 'Узбекистан', ar: 'أوزبكستان', zh: '乌兹别克斯坦' }, membership: 'member_state', mayReply: true },
  { code: 'VA', iso3: 'VAT', names: { en: 'Vatican', fr: 'Vatican', es: 'Vaticano', ru: 'Ватикан', ar: 'الفاتيكان', zh: '梵蒂冈' }, membership: 'member_state', mayReply: true },
  { code: 'VC', iso3: 'VCT', names: { en: 'Saint Vincent and the Grenadines', fr: 'Saint-Vincent-et-les Grenadines', es: 'San Vicente y las Granadinas', ru: 'Сент-Винсент и Гренадины', ar: 'سانت فنسنت وجزر غرينادين', zh: '圣文森特和格林纳丁斯' }, membership: 'member_state', mayReply: true },
  { code: 'VE', iso3: 'VEN', names: { en: 'Venezuela (Bolivarian Republic of)', fr: 'Venezuela (République bolivarienne du)', es: 'Venezuela (República Bolivariana de)', ru: 'Венесуэла (Боливарианская Республика)', ar: 'فنزويلا (جمهورية - البوليفارية)', zh: '委内瑞拉玻利瓦尔共和国' }, membership: 'member_state', mayReply: true },
  { code: 'VN', iso3: 'VNM', names: { en: 'Viet Nam', fr: 'Viet Nam', es: 'Viet Nam', ru: 'Вьетнам', ar: 'فييت نام', zh: '越南' }, membership: 'member_state', mayReply: true },
  { code: 'VU', iso3: 'VUT', names: { en: 'Vanuatu', fr: 'Vanuatu', es: 'Vanuatu', ru: 'Вануату', ar: 'فانواتو', zh: '瓦努阿图' }, membership: 'member_state', mayReply: true },
  { code: 'WS', iso3: 'WSM', names: { en: 'Samoa', fr: 'Samoa', es: 'Samoa', ru: 'Самоа', ar: 'ساموا', zh: '萨摩亚' }, membership: 'member_state', mayReply: true },
  { code: 'YE', iso3: 'YEM', names: { en: 'Yemen', fr: 'Yémen', es: 'Yemen', ru: 'Йемен', ar: 'اليمن', zh: '也门' }, membership: 'member_state', mayReply: true },
  { code: 'ZA', iso3: 'ZAF', names: { en: 'South Africa', fr: 'Afrique du Sud', es: 'Sudáfrica', ru: 'Южная Африка', ar: 'جنوب أفريقيا', zh: '南非' }, membership: 'member_state', mayReply: true },
  { code: 'ZM', iso3: 'ZMB', names: { en: 'Zambia', fr: 'Zambie', es: 'Zambia', ru: 'Замбия', ar: 'زامبيا', zh: '赞比亚' }, membership: 'member_state', mayReply: true },
  { code: 'ZW', iso3: 'ZWE', names: { en: 'Zimbabwe', fr: 'Zimbabwe', es: 'Zimbabwe', ru: 'Зимбабве', ar: 'زمبابوي', zh: '津巴布韦' }, membership: 'member_state', mayReply: true },
];
