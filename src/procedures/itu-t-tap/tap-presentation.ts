import type { ProcedureCatalogues, ReplyFormSpec } from '../../domain/procedure/presentation.js';
import arReply from './messages/ar/reply.json' with { type: 'json' };
import arResults from './messages/ar/results.json' with { type: 'json' };
import arMail from './messages/ar/mail.json' with { type: 'json' };
import arDocuments from './messages/ar/documents.json' with { type: 'json' };
import enReply from './messages/en/reply.json' with { type: 'json' };
import enResults from './messages/en/results.json' with { type: 'json' };
import enMail from './messages/en/mail.json' with { type: 'json' };
import enDocuments from './messages/en/documents.json' with { type: 'json' };
import esReply from './messages/es/reply.json' with { type: 'json' };
import esResults from './messages/es/results.json' with { type: 'json' };
import esMail from './messages/es/mail.json' with { type: 'json' };
import esDocuments from './messages/es/documents.json' with { type: 'json' };
import frReply from './messages/fr/reply.json' with { type: 'json' };
import frResults from './messages/fr/results.json' with { type: 'json' };
import frMail from './messages/fr/mail.json' with { type: 'json' };
import frDocuments from './messages/fr/documents.json' with { type: 'json' };
import ruReply from './messages/ru/reply.json' with { type: 'json' };
import ruResults from './messages/ru/results.json' with { type: 'json' };
import ruMail from './messages/ru/mail.json' with { type: 'json' };
import ruDocuments from './messages/ru/documents.json' with { type: 'json' };
import zhReply from './messages/zh/reply.json' with { type: 'json' };
import zhResults from './messages/zh/results.json' with { type: 'json' };
import zhMail from './messages/zh/mail.json' with { type: 'json' };
import zhDocuments from './messages/zh/documents.json' with { type: 'json' };

/**
 * TAP's own words in the six UN languages, for the core's pages and documents: one file per area
 * and language (messages/<locale>/<area>.json: the reply form and its errors; the results; the
 * issue mail's request, which states TAP's threshold and asks for reasons; the circular's
 * paragraphs on the procedure, its request and its rule, as the document, the secretariat's
 * preview and the public pages say them).
 */
export const TAP_MESSAGES: ProcedureCatalogues = {
  ar: { ...arReply, ...arResults, ...arMail, ...arDocuments },
  zh: { ...zhReply, ...zhResults, ...zhMail, ...zhDocuments },
  en: { ...enReply, ...enResults, ...enMail, ...enDocuments },
  fr: { ...frReply, ...frResults, ...frMail, ...frDocuments },
  ru: { ...ruReply, ...ruResults, ...ruMail, ...ruDocuments },
  es: { ...esReply, ...esResults, ...esMail, ...esDocuments },
};

/**
 * The Annex 2 reply form per text, as the circular prints it (Res. 1 §9.4.4 for the reasons): the
 * Member State "assigns authority to SG… to consider this text for approval" (then "no comments or
 * suggested changes" or "comments and suggested changes are attached") or "does not assign
 * authority…" (reasons for this opinion and an outline of possible changes attached). "Unclear" is
 * the secretariat's only, for a form received with both boxes or neither ticked.
 */
export const TAP_REPLY_FORM: ReplyFormSpec = {
  attachments: true,
  // Each text has its own outcome (Res. 1 §9.4.5 per text): a State may answer some texts only.
  everyText: false,
  choices: [
    {
      kind: 'assigns_authority',
      label: 'choice.assigns',
      recordedOnly: false,
      commentTable: true,
      options: {
        legend: 'option.legend',
        choices: [
          { id: 'no_comments', label: 'option.noComments' },
          { id: 'comments_attached', label: 'option.commentsAttached' },
        ],
      },
      fields: [{ field: 'comments', label: 'field.comments.label', hint: 'field.comments.hint' }],
      reads: { '': 'reads.assigns', no_comments: 'reads.noComments', comments_attached: 'reads.commentsAttached' },
    },
    {
      kind: 'does_not_assign_authority',
      label: 'choice.doesNotAssign',
      recordedOnly: false,
      commentTable: true,
      options: null,
      fields: [
        { field: 'reasons', label: 'field.reasons.label', hint: 'field.reasons.hint' },
        { field: 'possibleChanges', label: 'field.changes.label', hint: 'field.changes.hint' },
      ],
      reads: { '': 'reads.doesNotAssign' },
    },
    {
      kind: 'unclear',
      label: 'choice.unclear',
      recordedOnly: true,
      commentTable: false,
      options: null,
      fields: [],
      reads: { '': 'reads.unclear' },
    },
  ],
};
