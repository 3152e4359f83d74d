import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LANGS, RESOURCES, langOf, quantity, t, type Lang } from '../src/i18n/index.js';
import { loadCommands } from '../src/discord/registry.js';
import { repoRoot } from './helpers/tmp.js';

const PLURAL = /_(zero|one|two|few|many|other)$/;

/** Every text of a locale file by its dotted key, plural forms as they are (`units.article_one`). */
function flatten(value: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    const path = `${prefix}${key}`;
    if (typeof child === 'string') out.set(path, child);
    else for (const [k, v] of flatten(child, `${path}.`)) out.set(k, v);
  }
  return out;
}

const texts: Record<Lang, Map<string, string>> = { en: flatten(RESOURCES.en), id: flatten(RESOURCES.id) };
const baseKeys = (lang: Lang) => new Set([...texts[lang].keys()].map((key) => key.replace(PLURAL, '')));
const paramsOf = (text: string) => new Set([...text.matchAll(/\{\{\s*(\w+)/g)].map((m) => m[1] as string));

describe('the locale files', () => {
  it('hold the same keys in English and Indonesian', () => {
    const en = baseKeys('en');
    const id = baseKeys('id');
    expect([...en].filter((key) => !id.has(key))).toEqual([]);
    expect([...id].filter((key) => !en.has(key))).toEqual([]);
  });

  it('give each plural text exactly the forms its language has (English one/other, Indonesian other)', () => {
    for (const lang of LANGS) {
      const categories = new Intl.PluralRules(lang).resolvedOptions().pluralCategories;
      const forms = new Map<string, Set<string>>();
      for (const key of texts[lang].keys()) {
        const form = PLURAL.exec(key)?.[1];
        if (form === undefined) continue;
        const base = key.replace(PLURAL, '');
        forms.set(base, (forms.get(base) ?? new Set()).add(form));
      }
      for (const [base, found] of forms) expect([base, [...found].sort()]).toEqual([base, [...categories].sort()]);
    }
  });

  it('use the same {{params}} in both languages, and no text is empty', () => {
    const paramsByBase = (lang: Lang) => {
      const out = new Map<string, Set<string>>();
      for (const [key, text] of texts[lang]) {
        expect(text.trim(), key).not.toBe('');
        const base = key.replace(PLURAL, '');
        out.set(base, new Set([...(out.get(base) ?? []), ...paramsOf(text)]));
      }
      return out;
    };
    const en = paramsByBase('en');
    const id = paramsByBase('id');
    for (const [key, params] of en) expect([key, [...(id.get(key) ?? [])].sort()]).toEqual([key, [...params].sort()]);
  });

  it('have every key the code names', async () => {
    const namespaces = Object.keys(RESOURCES.en as Record<string, unknown>).join('|');
    const literal = new RegExp(`['"\`]((?:${namespaces})\\.[\\w.]+)['"\`]`, 'g');
    const used = new Set<string>();
    for (const dir of ['src', 'commands']) {
      for (const entry of await readdir(join(repoRoot, dir), { recursive: true, withFileTypes: true })) {
        if (!entry.isFile() || !entry.name.endsWith('.ts')) continue;
        const source = await readFile(join(entry.parentPath, entry.name), 'utf8');
        for (const match of source.matchAll(literal)) used.add(match[1] as string);
      }
    }
    expect(used.size).toBeGreaterThan(50);
    // a literal is a key, or the path of a command or option with a name and a description under it
    const known = (keys: Set<string>, key: string) => keys.has(key) || (keys.has(`${key}.name`) && keys.has(`${key}.description`));
    for (const lang of LANGS) expect([lang, [...used].filter((key) => !known(baseKeys(lang), key))]).toEqual([lang, []]);
  });
});

describe('the locale resolver', () => {
  it('takes Discord’s `id` (and id-ID, in any case) for Indonesian and everything else for English', () => {
    for (const locale of ['id', 'id-ID', 'ID', 'id_ID']) expect(langOf(locale)).toBe('id');
    for (const locale of ['en-US', 'en-GB', 'ms', 'idx', 'in', '', null, undefined]) expect(langOf(locale)).toBe('en');
  });
});

describe('texts', () => {
  it('count in each language’s way: 1 article, 2 articles, 1.234 artikel', () => {
    expect([quantity('en', 1, 'article'), quantity('en', 2, 'article'), quantity('en', 0, 'article'), quantity('en', 1234, 'article')]).toEqual([
      '1 article',
      '2 articles',
      '0 articles',
      '1,234 articles',
    ]);
    expect([quantity('id', 1, 'article'), quantity('id', 2, 'article'), quantity('id', 1234, 'article')]).toEqual(['1 artikel', '2 artikel', '1.234 artikel']);
    expect(t('en', 'digest.post.header', { count: 1, date: '6 Jan 2025' })).toBe('📰 **Ringkas digest** · 6 Jan 2025 · 1 new article');
    expect(t('en', 'digest.post.header', { count: 3, date: '6 Jan 2025' })).toBe('📰 **Ringkas digest** · 6 Jan 2025 · 3 new articles');
    expect(t('id', 'digest.post.header', { count: 1, date: '6 Jan 2025' })).toBe('📰 **Ringkasan berita** · 6 Jan 2025 · 1 artikel baru');
  });

  it('insert what users typed as it is: no HTML escaping, no second round of interpolation or nesting', () => {
    const query = '{{count}} $t(common.more) <b>&amp;';
    expect(t('en', 'search.title', { query })).toBe(`Search: ${query}`);
    expect(t('id', 'quotes.unknown', { query })).toBe(`Saya tidak mengenal narasumber bernama “${query}”.`);
  });
});

describe('slash command localizations', () => {
  it('come from the locale files, in both languages, with names and descriptions Discord accepts', async () => {
    const valid = (name: unknown) => typeof name === 'string' && /^[-_\p{Ll}\p{Lo}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u.test(name);
    const check = (item: { name: string; description: string; name_localizations?: unknown; description_localizations?: unknown; options?: unknown }) => {
      const names = item.name_localizations as Record<string, string>;
      const descriptions = item.description_localizations as Record<string, string>;
      expect(Object.keys(names).sort()).toEqual(['en-US', 'id']);
      expect(names['en-US']).toBe(item.name);
      for (const name of [item.name, ...Object.values(names)]) expect(valid(name), name).toBe(true);
      for (const text of [item.description, ...Object.values(descriptions)]) expect(text.length, text).toBeGreaterThan(0);
      for (const text of [item.description, ...Object.values(descriptions)]) expect(text.length, text).toBeLessThanOrEqual(100);
      for (const option of (item.options as (typeof item)[] | undefined) ?? []) check(option);
    };
    const commands = await loadCommands();
    expect(commands.length).toBeGreaterThanOrEqual(6);
    for (const command of commands) check(command.data as Parameters<typeof check>[0]);
  });
});
