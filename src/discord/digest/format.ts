import type { DigestContent, DigestFormatter, FormattedMessage } from '../../digest/index.js';
import { formatDay, langOf, t } from '../../i18n/index.js';
import { composeDigest, noteMessage, type DigestLabels, type MessagePayload } from './compose.js';

/** The labels of a digest in the channel's language and zone. */
function labelsOf(content: Extract<DigestContent, { kind: 'articles' }>): DigestLabels {
  const lang = langOf(content.locale);
  const date = formatDay(lang, content.at, content.timeZone);
  const count = content.entries.length;
  return {
    header:
      content.leftOut > 0
        ? t(lang, 'digest.post.headerLeftOut', { count, date, leftOut: content.leftOut })
        : t(lang, 'digest.post.header', { count, date }),
    keywords: t(lang, 'digest.post.keywords'),
    also: t(lang, 'digest.post.also'),
    formatDate: (iso) => {
      const at = Date.parse(iso);
      return Number.isNaN(at) ? null : formatDay(lang, at, content.timeZone, true);
    },
  };
}

/** How a digest looks in Discord: one embed per article, packed into as few messages as its limits allow. */
export function digestPayloads(content: DigestContent): MessagePayload[] {
  if (content.kind === 'nothing_new') return [noteMessage(t(langOf(content.locale), 'digest.post.nothingNew'))];
  return composeDigest(content.entries, labelsOf(content), undefined, content.perMessage);
}

/** A recorded message body back as the payload it was made from. */
export function decodeMessage(body: string): MessagePayload {
  return JSON.parse(body) as MessagePayload;
}

export const discordDigestFormatter: DigestFormatter = {
  format(content: DigestContent): FormattedMessage[] {
    return digestPayloads(content).map((payload) => ({ body: JSON.stringify(payload), entries: content.kind === 'articles' ? payload.embeds.length : 0 }));
  },
};
