import i18next, { type TOptions } from 'i18next';
import en from './locales/en.json' with { type: 'json' };
import id from './locales/id.json' with { type: 'json' };

/** Every language the bot speaks; one locale file each in ./locales. */
export const LANGS = ['en', 'id'] as const;
export type Lang = (typeof LANGS)[number];

/** The locale files themselves, for the tests that compare them. */
export const RESOURCES: Readonly<Record<Lang, unknown>> = { en, id };

/** The one locale resolver: Discord sends `id` for Indonesian; `id` and `id-ID` (any case) are Indonesian, anything else English. */
export function langOf(locale: string | null | undefined): Lang {
  return typeof locale === 'string' && /^id(?:[-_]id)?$/i.test(locale) ? 'id' : 'en';
}

type PluralSuffix = 'zero' | 'one' | 'two' | 'few' | 'many' | 'other';
type WithoutPlural<K extends string> = K extends `${infer Base}_${PluralSuffix}` ? Base : K;
type Leaves<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${WithoutPlural<K>}` : Leaves<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

/** A text's key in the English locale file (the reference); `_one`/`_other` plural forms count as one key. */
export type MessageKey = Leaves<typeof en>;
export type Params = Readonly<Record<string, string | number>>;

const i18n = i18next.createInstance();
void i18n.init({
  resources: { en: { translation: en }, id: { translation: id } },
  lng: 'en',
  fallbackLng: 'en',
  supportedLngs: [...LANGS],
  initAsync: false,
  // replies are Discord markdown, not HTML; values are inserted as they are and never interpolated again
  interpolation: { escapeValue: false, skipOnVariables: true },
  returnNull: false,
  returnEmptyString: false,
});

type Translate = (key: string, options?: TOptions) => string;
const translate: Record<Lang, Translate> = { en: i18n.getFixedT('en') as Translate, id: i18n.getFixedT('id') as Translate };

/** The text for `key` in `lang`, with `{{name}}` filled from `params`; a `count` param picks the plural form. */
export function t(lang: Lang, key: MessageKey, params: Params = {}): string {
  return translate[lang](key, params);
}

/** Whether a key built at run time (from a command name, a code) is in the locale files. */
export function isMessageKey(key: string): key is MessageKey {
  return i18n.exists(key, { lng: 'en' });
}

export type Unit = MessageKey extends infer K ? (K extends `units.${infer U}` ? U : never) : never;

/** `1 article`, `3 articles`, `3 artikel` (Indonesian does not inflect), the number as the reader writes it. */
export function quantity(lang: Lang, count: number, unit: Unit): string {
  return t(lang, `units.${unit}`, { count });
}

export { formatDate, formatDay, formatMoment, formatNumber, formatSeconds } from './format.js';
