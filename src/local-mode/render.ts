import { consoleTexts, type ConsoleTexts } from './console-texts.js';

type Words = ConsoleTexts['render'];

export interface RenderableEmbed {
  title?: string;
  url?: string;
  description?: string;
  author?: { name?: string; url?: string };
  fields?: Array<{ name?: string; value?: string; inline?: boolean }>;
  footer?: { text?: string };
  timestamp?: string;
  image?: { url?: string };
  thumbnail?: { url?: string };
}

export interface RenderableComponent {
  type?: number;
  style?: number;
  label?: string;
  emoji?: { name?: string } | null;
  custom_id?: string;
  url?: string;
  disabled?: boolean;
  placeholder?: string;
  components?: RenderableComponent[];
}

export interface RenderableMessage {
  content?: string;
  embeds?: RenderableEmbed[];
  components?: RenderableComponent[];
  flags?: number;
}

export interface RenderOptions {
  /** Total line width, borders included. */
  width?: number;
  /** Bold titles and dim footers with ANSI escapes (for a TTY). */
  ansi?: boolean;
  /** Name shown in the "is thinking…" line of a deferred reply. */
  botName?: string;
  /** Names for `<@id>`, `<#id>` and `<@&id>` mentions; unknown ones stay as Discord wrote them. */
  mentionName?: MentionNamer;
  /** The Discord locale whose language the console's own words (`(only you can see this)`) are in; English by default. */
  locale?: string;
}

export type MentionNamer = (kind: 'user' | 'channel' | 'role', id: string) => string | undefined;

export interface ButtonView {
  /** 1-based position among the message's buttons, as printed by the console. */
  number: number;
  label: string;
  customId: string | null;
  url: string | null;
  disabled: boolean;
}

const EPHEMERAL = 1 << 6;
const LOADING = 1 << 7;
const BAR = '│ ';

function style(ansi: boolean, code: string, text: string): string {
  return ansi && text ? `\u001b[${code}m${text}\u001b[0m` : text;
}

/** Turns Discord markdown into plain terminal text: masked links, bold, escapes, timestamps, mentions, command links. */
export function plainMarkdown(text: string, mentionName: MentionNamer = () => undefined): string {
  return text
    .replace(/<(@!?|#|@&)(\d+)>/g, (match, sigil: string, id: string) => {
      const kind = sigil === '#' ? 'channel' : sigil === '@&' ? 'role' : 'user';
      const name = mentionName(kind, id);
      return name === undefined ? match : `${kind === 'channel' ? '#' : '@'}${name}`;
    })
    .replace(/<\/([\p{L}\p{N} _'-]+):\d+>/gu, '/$1')
    .replace(/\[([^\]]+)\]\((<)?(https?:\/\/[^)\s>]+)>?\)/g, '$1 ($3)')
    .replace(/<t:(\d+)(?::[tTdDfFR])?>/g, (_match, seconds: string) => new Date(Number(seconds) * 1000).toISOString().replace('T', ' ').slice(0, 16))
    .replace(/\*\*(.+?)\*\*/gs, '$1')
    .replace(/__(.+?)__/gs, '$1')
    .replace(/~~(.+?)~~/gs, '$1')
    .replace(/\\([*_~`|>\\[\]()#-])/g, '$1');
}

/** Wraps on word boundaries, keeping the text's own line breaks; overlong words are cut. */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  const limit = Math.max(10, width);
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      let rest = word;
      while ([...rest].length > limit) {
        if (line) {
          lines.push(line);
          line = '';
        }
        lines.push([...rest].slice(0, limit).join(''));
        rest = [...rest].slice(limit).join('');
      }
      if (!line) line = rest;
      else if ([...line].length + 1 + [...rest].length <= limit) line += ` ${rest}`;
      else {
        lines.push(line);
        line = rest;
      }
    }
    lines.push(line);
  }
  return lines;
}

function buttonLabel(component: RenderableComponent): string {
  return [component.emoji?.name, component.label].filter((part): part is string => !!part).join(' ') || '…';
}

export function messageButtons(message: RenderableMessage): ButtonView[] {
  const buttons = (message.components ?? []).flatMap((row) => row.components ?? []).filter((c) => c.type === 2);
  return buttons.map((button, index) => ({
    number: index + 1,
    label: buttonLabel(button),
    customId: button.custom_id ?? null,
    url: button.url ?? null,
    disabled: button.disabled === true,
  }));
}

function renderComponents(message: RenderableMessage, words: Words): string[] {
  const lines: string[] = [];
  for (const row of message.components ?? []) {
    const parts = (row.components ?? []).map((component) => {
      if (component.type === 2) {
        const label = buttonLabel(component);
        if (component.style === 5 && component.url) return `[${label} ↗ ${component.url}]`;
        return component.disabled ? words.disabled(label) : `[${label}]`;
      }
      return `[▾ ${component.placeholder ?? words.selectPlaceholder}]`;
    });
    if (parts.length > 0) lines.push(parts.join(' '));
  }
  return lines;
}

function renderEmbed(embed: RenderableEmbed, width: number, ansi: boolean, plain: (text: string) => string, words: Words): string[] {
  const inner = width - BAR.length;
  const body: string[] = [];
  const block = (text: string) => body.push(...wrap(plain(text), inner));
  if (embed.author?.name) block(embed.author.name);
  if (embed.title) {
    for (const line of wrap(plain(embed.title), inner)) body.push(style(ansi, '1', line));
    if (embed.url) body.push(embed.url);
  }
  if (embed.description) {
    if (body.length > 0) body.push('');
    block(embed.description);
  }
  for (const field of embed.fields ?? []) {
    body.push('');
    for (const line of wrap(plain(field.name ?? ''), inner)) body.push(style(ansi, '1', line));
    for (const line of wrap(plain(field.value ?? ''), inner - 2)) body.push(`  ${line}`);
  }
  if (embed.image?.url) body.push('', `${words.image} ${embed.image.url}`);
  if (embed.thumbnail?.url) body.push(`${words.thumbnail} ${embed.thumbnail.url}`);
  const footer = [embed.footer?.text, embed.timestamp ? embed.timestamp.replace('T', ' ').slice(0, 16) : undefined]
    .filter((part): part is string => !!part)
    .join(' · ');
  if (footer) {
    body.push('');
    for (const line of wrap(plain(footer), inner)) body.push(style(ansi, '2', line));
  }
  return body.map((line) => `${BAR}${line}`.trimEnd());
}

/** A message payload (content, embeds, components) as readable terminal text. */
export function renderMessage(message: RenderableMessage, options: RenderOptions = {}): string {
  const width = options.width ?? 80;
  const ansi = options.ansi ?? false;
  const lines: string[] = [];
  const flags = message.flags ?? 0;
  const plain = (text: string) => plainMarkdown(text, options.mentionName);
  const words = consoleTexts(options.locale).render;
  if (flags & EPHEMERAL) lines.push(style(ansi, '2', words.ephemeral));
  if (flags & LOADING) lines.push(words.thinking(options.botName ?? words.someBot));
  if (message.content) lines.push(...wrap(plain(message.content), width));
  for (const embed of message.embeds ?? []) {
    if (lines.length > 0) lines.push('');
    lines.push(...renderEmbed(embed, width, ansi, plain, words));
  }
  const components = renderComponents(message, words);
  if (components.length > 0) {
    if (lines.length > 0) lines.push('');
    lines.push(...components);
  }
  return lines.join('\n');
}
