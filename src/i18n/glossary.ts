import type { UnLanguage } from '../domain/member-states/member-states.data.js';

/**
 * The procedure's vocabulary in the six UN languages, as data: the same table as docs/glossary.md
 * (src/i18n/glossary.test.ts fails when the two drift apart). Translators of the catalogues
 * (src/i18n/messages/<locale>/*.json) use these words and no synonyms, so that "assigns authority",
 * "determined" or "Member State" read the same on every page, e-mail and document, and the same as in
 * ITU's own circulars. A later test can check the catalogues against it.
 *
 * Sources: ITU's established terms where known (Res. 1 §9, TSB circulars, ITU house style: French
 * capitals without accents, "Etat Membre"); the rest drafted in UN terminology style. Not reviewed
 * by ITU's language services yet: see docs/glossary.md for the terms least certain.
 */

/** The terms, in the order of docs/glossary.md. */
export const GLOSSARY_TERM_IDS = [
  'member-state',
  'sector-member',
  'focal-point',
  'administration',
  'determined-text',
  'draft-recommendation',
  'tap',
  'aap',
  'assigns-authority',
  'does-not-assign-authority',
  'comments-attached',
  'no-comments',
  'reasons',
  'circular',
  'annex',
  'study-group',
  'meeting',
  'deadline',
  'reply',
  'amend',
  'withdraw',
  'receipt',
  'reservation',
  'opposition',
  'abstention',
  'more-time',
  'approved',
  'not-approved',
  'results-notice',
  'secretariat',
  'tsb',
  'director',
  'signatory',
  'language-of-record',
  'translation-missing',
] as const;

/** The id of a glossary term (kebab-case, stable: catalogue checks refer to it). */
export type GlossaryTermId = (typeof GLOSSARY_TERM_IDS)[number];

/** Term id → the term in each of the six UN languages. */
export const GLOSSARY: Readonly<Record<GlossaryTermId, Readonly<Record<UnLanguage, string>>>> = {
  'member-state': {
    en: 'Member State',
    ar: 'دولة عضو',
    zh: '成员国',
    fr: 'Etat Membre',
    ru: 'Государство-Член',
    es: 'Estado Miembro',
  },
  'sector-member': {
    en: 'Sector Member',
    ar: 'عضو القطاع',
    zh: '部门成员',
    fr: 'Membre du Secteur',
    ru: 'Член Сектора',
    es: 'Miembro de Sector',
  },
  'focal-point': {
    en: 'focal point',
    ar: 'منسق',
    zh: '协调人',
    fr: 'coordonnateur',
    ru: 'координатор',
    es: 'coordinador',
  },
  administration: {
    en: 'administration',
    ar: 'إدارة',
    zh: '主管部门',
    fr: 'administration',
    ru: 'Администрация',
    es: 'administración',
  },
  'determined-text': {
    en: 'determined (text)',
    ar: '(نص) محدد',
    zh: '已确定的（文本）',
    fr: "(texte) ayant fait l'objet d'une détermination",
    ru: 'определенный (текст)',
    es: '(texto) determinado',
  },
  'draft-recommendation': {
    en: 'draft Recommendation',
    ar: 'مشروع توصية',
    zh: '建议书草案',
    fr: 'projet de Recommandation',
    ru: 'проект Рекомендации',
    es: 'proyecto de Recomendación',
  },
  tap: {
    en: 'Traditional Approval Procedure (TAP)',
    ar: 'عملية الموافقة التقليدية (TAP)',
    zh: '传统批准程序（TAP）',
    fr: "Procédure d'approbation traditionnelle (TAP)",
    ru: 'традиционная процедура утверждения (TAP)',
    es: 'Procedimiento de aprobación tradicional (TAP)',
  },
  aap: {
    en: 'Alternative Approval Process (AAP)',
    ar: 'عملية الموافقة البديلة (AAP)',
    zh: '替代批准程序（AAP）',
    fr: "Variante de la procédure d'approbation (AAP)",
    ru: 'альтернативный процесс утверждения (AAP)',
    es: 'Proceso de aprobación alternativo (AAP)',
  },
  'assigns-authority': {
    en: 'assigns authority',
    ar: 'يمنح السلطة',
    zh: '授权',
    fr: 'confère le pouvoir',
    ru: 'предоставляет полномочия',
    es: 'otorga autoridad',
  },
  'does-not-assign-authority': {
    en: 'does not assign authority',
    ar: 'لا يمنح السلطة',
    zh: '不授权',
    fr: 'ne confère pas le pouvoir',
    ru: 'не предоставляет полномочий',
    es: 'no otorga autoridad',
  },
  'comments-attached': {
    en: 'comments attached',
    ar: 'التعليقات مرفقة',
    zh: '附有意见',
    fr: 'commentaires joints',
    ru: 'замечания прилагаются',
    es: 'se adjuntan comentarios',
  },
  'no-comments': {
    en: 'no comments',
    ar: 'لا توجد تعليقات',
    zh: '无意见',
    fr: 'pas de commentaires',
    ru: 'замечаний нет',
    es: 'sin comentarios',
  },
  reasons: { en: 'reasons', ar: 'الأسباب', zh: '理由', fr: 'motifs', ru: 'причины', es: 'motivos' },
  circular: {
    en: 'circular (TSB Circular)',
    ar: 'رسالة معممة (رسالة معممة لمكتب تقييس الاتصالات)',
    zh: '通函（电信标准化局通函）',
    fr: 'circulaire (Circulaire TSB)',
    ru: 'циркуляр (Циркуляр БСЭ)',
    es: 'circular (Circular TSB)',
  },
  annex: { en: 'Annex', ar: 'الملحق', zh: '附件', fr: 'Annexe', ru: 'Приложение', es: 'Anexo' },
  'study-group': {
    en: 'study group',
    ar: 'لجنة الدراسات',
    zh: '研究组',
    fr: "commission d'études",
    ru: 'исследовательская комиссия',
    es: 'Comisión de Estudio',
  },
  meeting: { en: 'meeting', ar: 'اجتماع', zh: '会议', fr: 'réunion', ru: 'собрание', es: 'reunión' },
  deadline: {
    en: 'deadline',
    ar: 'الموعد النهائي',
    zh: '截止日期',
    fr: 'date limite',
    ru: 'предельный срок',
    es: 'plazo',
  },
  reply: { en: 'reply', ar: 'رد', zh: '答复', fr: 'réponse', ru: 'ответ', es: 'respuesta' },
  amend: {
    en: 'amend (a reply)',
    ar: 'تعديل (الرد)',
    zh: '修改（答复）',
    fr: 'modifier (la réponse)',
    ru: 'изменить (ответ)',
    es: 'modificar (la respuesta)',
  },
  withdraw: {
    en: 'withdraw (a reply)',
    ar: 'سحب (الرد)',
    zh: '撤回（答复）',
    fr: 'retirer (la réponse)',
    ru: 'отозвать (ответ)',
    es: 'retirar (la respuesta)',
  },
  receipt: {
    en: 'receipt (acknowledgement of)',
    ar: 'إشعار الاستلام',
    zh: '回执',
    fr: 'accusé de réception',
    ru: 'подтверждение получения',
    es: 'acuse de recibo',
  },
  reservation: { en: 'reservation', ar: 'تحفظ', zh: '保留', fr: 'réserve', ru: 'оговорка', es: 'reserva' },
  opposition: {
    en: '(formal) opposition',
    ar: 'اعتراض (رسمي)',
    zh: '（正式）反对',
    fr: 'opposition (formelle)',
    ru: '(официальное) возражение',
    es: 'oposición (formal)',
  },
  abstention: { en: 'abstention', ar: 'امتناع', zh: '弃权', fr: 'abstention', ru: 'воздержание', es: 'abstención' },
  'more-time': {
    en: 'more time to consider (request for)',
    ar: 'طلب مزيد من الوقت للنظر',
    zh: '请求给予更多审议时间',
    fr: 'demande de délai supplémentaire pour examen',
    ru: 'просьба о дополнительном времени для рассмотрения',
    es: 'solicitud de más tiempo para examinar',
  },
  approved: { en: 'approved', ar: 'تمت الموافقة', zh: '已批准', fr: 'approuvé', ru: 'утверждено', es: 'aprobado' },
  'not-approved': {
    en: 'not approved',
    ar: 'لم تتم الموافقة',
    zh: '未批准',
    fr: 'non approuvé',
    ru: 'не утверждено',
    es: 'no aprobado',
  },
  'results-notice': {
    en: 'results notice',
    ar: 'إشعار بالنتائج',
    zh: '结果通知',
    fr: 'notification des résultats',
    ru: 'уведомление о результатах',
    es: 'notificación de los resultados',
  },
  secretariat: {
    en: 'secretariat',
    ar: 'الأمانة',
    zh: '秘书处',
    fr: 'secrétariat',
    ru: 'секретариат',
    es: 'secretaría',
  },
  tsb: {
    en: 'Telecommunication Standardization Bureau (TSB)',
    ar: 'مكتب تقييس الاتصالات (TSB)',
    zh: '电信标准化局（TSB）',
    fr: 'Bureau de la normalisation des télécommunications (TSB)',
    ru: 'Бюро стандартизации электросвязи (БСЭ)',
    es: 'Oficina de Normalización de las Telecomunicaciones (TSB)',
  },
  director: {
    en: 'Director (of TSB)',
    ar: 'مدير (مكتب تقييس الاتصالات)',
    zh: '（电信标准化局）主任',
    fr: 'Directeur (du TSB)',
    ru: 'Директор (БСЭ)',
    es: 'Director (de la TSB)',
  },
  signatory: { en: 'signatory', ar: 'الموقّع', zh: '签署人', fr: 'signataire', ru: 'подписавшее лицо', es: 'firmante' },
  'language-of-record': {
    en: 'language of record',
    ar: 'لغة الأصل',
    zh: '原文语言',
    fr: "langue de l'original",
    ru: 'язык оригинала',
    es: 'idioma del original',
  },
  'translation-missing': {
    en: 'translation missing',
    ar: 'الترجمة غير متاحة',
    zh: '缺少译文',
    fr: 'traduction manquante',
    ru: 'перевод отсутствует',
    es: 'falta la traducción',
  },
};

/**
 * Where a term comes from: `itu-review`, a term ITU's own pages or texts give in that form, as the
 * language review of issue 20 found them (Rec. A.8's name, 建议书草案, ITU's Arabic name of TAP);
 * `itu-usage`, ITU's established usage (Resolution 1, TSB circulars, the names of ITU's organs) as
 * first drafted, not yet checked term by term against ITU's pages; `drafted`, Assent's own
 * wording in UN terminology style for its screens. None has been reviewed by ITU's language
 * services.
 */
export type GlossarySource = 'itu-review' | 'itu-usage' | 'drafted';

/** Each term's source (the "Source" column of docs/glossary.md). */
export const GLOSSARY_SOURCES: Readonly<Record<GlossaryTermId, GlossarySource>> = {
  'member-state': 'itu-usage',
  'sector-member': 'itu-usage',
  'focal-point': 'drafted',
  administration: 'itu-usage',
  'determined-text': 'drafted',
  'draft-recommendation': 'itu-review',
  tap: 'itu-review',
  aap: 'itu-review',
  'assigns-authority': 'drafted',
  'does-not-assign-authority': 'drafted',
  'comments-attached': 'drafted',
  'no-comments': 'drafted',
  reasons: 'itu-usage',
  circular: 'itu-usage',
  annex: 'itu-usage',
  'study-group': 'itu-usage',
  meeting: 'itu-usage',
  deadline: 'drafted',
  reply: 'itu-usage',
  amend: 'drafted',
  withdraw: 'drafted',
  receipt: 'drafted',
  reservation: 'itu-usage',
  opposition: 'itu-usage',
  abstention: 'itu-usage',
  'more-time': 'itu-usage',
  approved: 'itu-usage',
  'not-approved': 'itu-usage',
  'results-notice': 'drafted',
  secretariat: 'itu-usage',
  tsb: 'itu-usage',
  director: 'itu-usage',
  signatory: 'drafted',
  'language-of-record': 'drafted',
  'translation-missing': 'drafted',
};

/** A wording the catalogues must not use for a term, and the glossary's wording instead. */
export interface AvoidedWording {
  readonly term: GlossaryTermId;
  /** Matched case-insensitively inside any message of the language. */
  readonly avoid: string;
  readonly use: string;
}

/**
 * Wordings found in earlier catalogues that ITU does not use (issue 20): a message of the language
 * holding one fails src/i18n/glossary.test.ts.
 */
export const AVOIDED_WORDINGS: Readonly<Record<UnLanguage, readonly AvoidedWording[]>> = {
  en: [{ term: 'aap', avoid: 'Alternative Approval Procedure', use: 'Alternative Approval Process' }],
  fr: [{ term: 'aap', avoid: "procédure d'approbation alternative", use: "variante de la procédure d'approbation" }],
  es: [{ term: 'aap', avoid: 'procedimiento de aprobación alternativo', use: 'proceso de aprobación alternativo' }],
  ru: [{ term: 'aap', avoid: 'альтернативная процедура утверждения', use: 'альтернативный процесс утверждения' }],
  zh: [{ term: 'draft-recommendation', avoid: '建议草案', use: '建议书草案' }],
  ar: [
    { term: 'tap', avoid: 'إجراء الموافقة التقليدي', use: 'عملية الموافقة التقليدية' },
    { term: 'aap', avoid: 'إجراء الموافقة البديل', use: 'عملية الموافقة البديلة' },
  ],
};
