import { ButtonStyle, ComponentType, type APIActionRowComponent, type APIButtonComponent, type APIEmbedField } from 'discord.js';
import type { SearchHit } from '../../library/index.js';
import { quantity, t, type Lang } from '../../i18n/index.js';
import { bylineOf } from './summary.js';
import { clip, Limits, plain, webUrl } from './limits.js';
import { Colors, type View } from './message.js';

const SNIPPET_MAX = 300;
const FIELDS_BUDGET = 5000;
const BUTTONS_PER_ROW = 5;

function hitField(hit: SearchHit, rank: number, lang: Lang, timeZone: string): APIEmbedField {
  const { article } = hit;
  const byline = bylineOf(article, lang, timeZone);
  const url = webUrl(article.url);
  const source = byline === null ? '' : url !== undefined ? `\n[${clip(plain(byline), 120)}](${url})` : `\n${clip(plain(byline), 120)}`;
  const snippet = clip(plain(hit.snippet), SNIPPET_MAX);
  return {
    name: clip(`${rank}. ${plain(article.title)}`, Limits.fieldName),
    value: clip(`${snippet === '' ? '—' : snippet}${source}`, Limits.fieldValue),
  };
}

/** One "Summarize n" button per hit shown, five to a row; `summaryButtonId` names the hit's article in a custom_id. */
function summaryButtons(
  hits: readonly SearchHit[],
  lang: Lang,
  summaryButtonId: (hit: SearchHit) => string,
): APIActionRowComponent<APIButtonComponent>[] {
  const rows: APIActionRowComponent<APIButtonComponent>[] = [];
  hits.forEach((hit, index) => {
    if (index % BUTTONS_PER_ROW === 0) rows.push({ type: ComponentType.ActionRow, components: [] });
    (rows.at(-1) as { components: APIButtonComponent[] }).components.push({
      type: ComponentType.Button,
      style: ButtonStyle.Secondary,
      custom_id: summaryButtonId(hit),
      label: clip(t(lang, 'search.summarize', { rank: index + 1 }), Limits.buttonLabel),
    });
  });
  return rows;
}

/** The best-matching articles, each with a snippet, where it comes from, and a button that summarises it. */
export function searchView(
  query: string,
  hits: readonly SearchHit[],
  total: number,
  lang: Lang,
  timeZone: string,
  summaryButtonId?: (hit: SearchHit) => string,
): View {
  const title = clip(t(lang, 'search.title', { query: clip(query, 200) }), Limits.title);
  if (hits.length === 0) return { embeds: [{ color: Colors.warning, title, description: t(lang, 'search.none', { query: clip(query, 200) }) }] };
  const fields: APIEmbedField[] = [];
  let used = 0;
  for (const [index, hit] of hits.slice(0, Limits.fields).entries()) {
    const field = hitField(hit, index + 1, lang, timeZone);
    if (used + field.name.length + field.value.length > FIELDS_BUDGET) break;
    fields.push(field);
    used += field.name.length + field.value.length;
  }
  const footer = t(lang, 'search.footer', { matches: quantity(lang, fields.length, 'match'), articles: quantity(lang, total, 'article') });
  const shown = hits.slice(0, Math.min(fields.length, BUTTONS_PER_ROW * 5));
  return {
    embeds: [{ color: Colors.brand, title, fields, footer: { text: footer } }],
    ...(summaryButtonId === undefined ? {} : { components: summaryButtons(shown, lang, summaryButtonId) }),
  };
}
