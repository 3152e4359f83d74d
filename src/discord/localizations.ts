import { Locale, type LocalizationMap, type SharedNameAndDescription } from 'discord.js';
import { LANGS, t, type Lang, type MessageKey } from '../i18n/index.js';

/** The Discord locales each of our languages is registered under. */
const DISCORD_LOCALES: Readonly<Record<Lang, readonly Locale[]>> = { en: [Locale.EnglishUS], id: [Locale.Indonesian] };

/** A command, subcommand or option in the locale files: a prefix with a `.name` and a `.description` under it. */
type Named<K> = K extends `${infer P}.name` ? P : never;
type Described<K> = K extends `${infer P}.description` ? P : never;
export type LocalizedPath = Named<MessageKey> & Described<MessageKey>;

function localizationsOf(key: MessageKey): LocalizationMap {
  const map: LocalizationMap = {};
  for (const lang of LANGS) for (const locale of DISCORD_LOCALES[lang]) map[locale] = t(lang, key);
  return map;
}

/** Name and description (English, the default) with their Discord localizations, from the locale files. */
export function localizations(path: LocalizedPath): {
  name: string;
  description: string;
  name_localizations: LocalizationMap;
  description_localizations: LocalizationMap;
} {
  const name: MessageKey = `${path}.name`;
  const description: MessageKey = `${path}.description`;
  return {
    name: t('en', name),
    description: t('en', description),
    name_localizations: localizationsOf(name),
    description_localizations: localizationsOf(description),
  };
}

/** The same localizations set on a command builder, subcommand or option. */
export function localize<T extends SharedNameAndDescription>(builder: T, path: LocalizedPath): T {
  const data = localizations(path);
  return builder
    .setName(data.name)
    .setNameLocalizations(data.name_localizations)
    .setDescription(data.description)
    .setDescriptionLocalizations(data.description_localizations);
}

/** A name alone with its localizations (message context-menu commands have no description). */
export function localizedName(key: MessageKey): { name: string; name_localizations: LocalizationMap } {
  return { name: t('en', key), name_localizations: localizationsOf(key) };
}
