import { FormErrors, type ErrorPath } from '../rest/discord-error.js';
import { isObject, type JsonObject } from '../json.js';

export const DISCORD_LOCALES = [
  'id', 'da', 'de', 'en-GB', 'en-US', 'es-ES', 'es-419', 'fr', 'hr', 'it', 'lt', 'hu', 'nl', 'no', 'pl', 'pt-BR',
  'ro', 'fi', 'sv-SE', 'vi', 'tr', 'cs', 'el', 'bg', 'ru', 'uk', 'hi', 'th', 'zh-CN', 'ja', 'zh-TW', 'ko',
] as const;

export const OptionType = {
  Subcommand: 1,
  SubcommandGroup: 2,
  String: 3,
  Integer: 4,
  Boolean: 5,
  User: 6,
  Channel: 7,
  Role: 8,
  Mentionable: 9,
  Number: 10,
  Attachment: 11,
} as const;

const NAME_PATTERN = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;
const MAX_COMMAND_CHARS = 8000;
const MAX_OPTIONS = 25;
const MAX_CHOICES = 25;
const LOCALE_SET = new Set<string>(DISCORD_LOCALES);

function lengthError(errors: FormErrors, path: ErrorPath, min: number, max: number): void {
  errors.add(path, 'BASE_TYPE_BAD_LENGTH', `Must be between ${min} and ${max} in length.`);
}

function checkName(errors: FormErrors, path: ErrorPath, name: unknown, lowercase: boolean): void {
  if (typeof name !== 'string' || name === '') {
    errors.add(path, 'BASE_TYPE_REQUIRED', 'This field is required');
    return;
  }
  if ([...name].length > 32) lengthError(errors, path, 1, 32);
  else if (lowercase ? !NAME_PATTERN.test(name) || name !== name.toLowerCase() : name.trim() === '') {
    errors.add(path, 'APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid');
  }
}

function checkDescription(errors: FormErrors, path: ErrorPath, description: unknown): void {
  if (typeof description !== 'string' || description === '') {
    errors.add(path, 'BASE_TYPE_REQUIRED', 'This field is required');
  } else if ([...description].length > 100) lengthError(errors, path, 1, 100);
}

function checkLocalizations(
  errors: FormErrors,
  path: ErrorPath,
  value: unknown,
  checkValue: (errors: FormErrors, path: ErrorPath, text: unknown) => void,
): void {
  if (value === undefined || value === null) return;
  if (!isObject(value)) {
    errors.add(path, 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
    return;
  }
  for (const [locale, text] of Object.entries(value)) {
    if (!LOCALE_SET.has(locale)) {
      errors.add([...path, locale], 'ENUM_TYPE_COERCE', `Value "${locale}" is not a valid enum value.`);
    } else if (text !== null) checkValue(errors, [...path, locale], text);
  }
}

function checkChoices(errors: FormErrors, path: ErrorPath, option: JsonObject): void {
  const choices = option.choices;
  if (choices === undefined || choices === null) return;
  if (!Array.isArray(choices)) {
    errors.add([...path, 'choices'], 'LIST_TYPE_CONVERT', 'Only iterables may be used in a ListType');
    return;
  }
  if (![OptionType.String, OptionType.Integer, OptionType.Number].includes(option.type as 3 | 4 | 10)) {
    errors.add([...path, 'choices'], 'APPLICATION_COMMAND_OPTION_CHOICES_NOT_ALLOWED', 'Choices are not allowed for this option type');
    return;
  }
  if (choices.length > MAX_CHOICES) errors.add([...path, 'choices'], 'BASE_TYPE_MAX_LENGTH', `Must be ${MAX_CHOICES} or fewer in length.`);
  choices.forEach((choice: unknown, index: number) => {
    const choicePath = [...path, 'choices', index];
    const item = isObject(choice) ? choice : {};
    const checkChoiceName = (e: FormErrors, p: ErrorPath, name: unknown) => {
      if (typeof name !== 'string' || [...name].length < 1 || [...name].length > 100) lengthError(e, p, 1, 100);
    };
    checkChoiceName(errors, [...choicePath, 'name'], item.name);
    checkLocalizations(errors, [...choicePath, 'name_localizations'], item.name_localizations, checkChoiceName);
    const value = item.value;
    if (option.type === OptionType.String) {
      if (typeof value !== 'string') errors.add([...choicePath, 'value'], 'BASE_TYPE_STRING', 'Could not interpret value as string.');
      else if ([...value].length > 100) errors.add([...choicePath, 'value'], 'BASE_TYPE_MAX_LENGTH', 'Must be 100 or fewer in length.');
    } else if (typeof value !== 'number' || (option.type === OptionType.Integer && !Number.isInteger(value))) {
      errors.add([...choicePath, 'value'], 'NUMBER_TYPE_COERCE', `Value "${String(value)}" is not ${option.type === OptionType.Integer ? 'int' : 'a number'}.`);
    }
  });
}

function checkOption(errors: FormErrors, path: ErrorPath, option: unknown, depth: number): void {
  if (!isObject(option)) {
    errors.add(path, 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
    return;
  }
  const type = option.type;
  if (typeof type !== 'number' || !Number.isInteger(type) || type < 1 || type > 11) {
    errors.add([...path, 'type'], 'BASE_TYPE_CHOICES', 'Value must be one of {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}.');
    return;
  }
  checkName(errors, [...path, 'name'], option.name, true);
  checkDescription(errors, [...path, 'description'], option.description);
  checkLocalizations(errors, [...path, 'name_localizations'], option.name_localizations, (e, p, v) => checkName(e, p, v, true));
  checkLocalizations(errors, [...path, 'description_localizations'], option.description_localizations, checkDescription);
  const isSubcommand = type === OptionType.Subcommand || type === OptionType.SubcommandGroup;
  if (isSubcommand && option.required === true) {
    errors.add([...path, 'required'], 'APPLICATION_COMMAND_OPTION_REQUIRED_NOT_ALLOWED', 'Subcommands cannot be required');
  }
  if (option.required !== undefined && typeof option.required !== 'boolean') {
    errors.add([...path, 'required'], 'BASE_TYPE_BOOLEAN', 'Must be either true or false.');
  }
  checkChoices(errors, path, option);
  const hasChoices = Array.isArray(option.choices) && option.choices.length > 0;
  if (option.autocomplete === true) {
    if (![OptionType.String, OptionType.Integer, OptionType.Number].includes(type as 3 | 4 | 10)) {
      errors.add([...path, 'autocomplete'], 'APPLICATION_COMMAND_OPTION_AUTOCOMPLETE_NOT_ALLOWED', 'Autocomplete is not allowed for this option type');
    } else if (hasChoices) {
      errors.add([...path, 'autocomplete'], 'APPLICATION_COMMAND_AUTOCOMPLETE_CHOICES', 'Autocomplete cannot be set if there are choices present');
    }
  }
  if (type === OptionType.Integer || type === OptionType.Number) {
    const { min_value: min, max_value: max } = option;
    for (const [key, value] of [['min_value', min], ['max_value', max]] as const) {
      if (value !== undefined && (typeof value !== 'number' || Math.abs(value) > 2 ** 53)) {
        errors.add([...path, key], 'NUMBER_TYPE_COERCE', `Value "${String(value)}" is not a number.`);
      }
    }
    if (typeof min === 'number' && typeof max === 'number' && min > max) {
      errors.add([...path, 'min_value'], 'APPLICATION_COMMAND_OPTION_MIN_MAX_INVALID', 'min_value must be less than or equal to max_value');
    }
  }
  if (type === OptionType.String) {
    for (const key of ['min_length', 'max_length'] as const) {
      const value = option[key];
      const low = key === 'min_length' ? 0 : 1;
      if (value !== undefined && (typeof value !== 'number' || !Number.isInteger(value) || value < low || value > 6000)) {
        errors.add([...path, key], 'NUMBER_TYPE_MAX', `int value should be between ${low} and 6000.`);
      }
    }
  }
  if (option.options !== undefined && option.options !== null) {
    if (!isSubcommand) {
      errors.add([...path, 'options'], 'APPLICATION_COMMAND_OPTIONS_NOT_ALLOWED', 'Only subcommands and groups may have options');
    } else {
      checkOptionList(errors, [...path, 'options'], option.options, type === OptionType.SubcommandGroup ? 'subcommands' : 'values', depth + 1);
    }
  }
}

function checkOptionList(
  errors: FormErrors,
  path: ErrorPath,
  options: unknown,
  allowed: 'any' | 'subcommands' | 'values',
  depth: number,
): void {
  if (!Array.isArray(options)) {
    errors.add(path, 'LIST_TYPE_CONVERT', 'Only iterables may be used in a ListType');
    return;
  }
  if (options.length > MAX_OPTIONS) errors.add(path, 'BASE_TYPE_MAX_LENGTH', `Must be ${MAX_OPTIONS} or fewer in length.`);
  const names = new Set<string>();
  let sawOptional = false;
  let sawSubcommand = false;
  let sawValue = false;
  options.forEach((option: unknown, index: number) => {
    checkOption(errors, [...path, index], option, depth);
    if (!isObject(option)) return;
    const type = Number(option.type);
    const isSubcommand = type === OptionType.Subcommand || type === OptionType.SubcommandGroup;
    if (isSubcommand) sawSubcommand = true;
    else sawValue = true;
    if (allowed === 'subcommands' && type !== OptionType.Subcommand) {
      errors.add([...path, index, 'type'], 'APPLICATION_COMMAND_OPTION_TYPE_INVALID', 'Subcommand groups may only contain subcommands');
    }
    if (allowed === 'values' && isSubcommand) {
      errors.add([...path, index, 'type'], 'APPLICATION_COMMAND_OPTION_TYPE_INVALID', 'Subcommands cannot be nested here');
    }
    if (typeof option.name === 'string') {
      if (names.has(option.name)) {
        errors.add([...path, index, 'name'], 'APPLICATION_COMMAND_OPTION_NAME_ALREADY_EXISTS', 'Option names must be unique');
      }
      names.add(option.name);
    }
    if (!isSubcommand) {
      if (option.required === true && sawOptional) {
        errors.add([...path, index, 'required'], 'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID', 'Required options must be placed before non-required options');
      }
      if (option.required !== true) sawOptional = true;
    }
  });
  if (sawSubcommand && sawValue) {
    errors.add(path, 'APPLICATION_COMMAND_OPTIONS_TYPE_INVALID', 'Subcommands and options cannot be mixed at the same level');
  }
  if (depth > 2) errors.add(path, 'APPLICATION_COMMAND_OPTIONS_TOO_DEEP', 'Options are nested too deeply');
}

function localized(item: JsonObject, key: 'name' | 'description', locale: string | null): string {
  const map = item[`${key}_localizations`];
  const value = locale && isObject(map) && typeof map[locale] === 'string' ? map[locale] : item[key];
  return typeof value === 'string' ? value : '';
}

function countOptionChars(options: unknown, locale: string | null): number {
  let total = 0;
  for (const option of Array.isArray(options) ? options : []) {
    if (!isObject(option)) continue;
    total += [...localized(option, 'name', locale)].length + [...localized(option, 'description', locale)].length;
    for (const choice of Array.isArray(option.choices) ? option.choices : []) {
      if (!isObject(choice)) continue;
      total += [...localized(choice, 'name', locale)].length + [...String(choice.value ?? '')].length;
    }
    total += countOptionChars(option.options, locale);
  }
  return total;
}

/** Characters Discord counts against the 8,000 limit, in the locale where the command is largest. */
export function commandCharacterCount(command: JsonObject): number {
  const counts = [null, ...DISCORD_LOCALES].map(
    (locale) =>
      [...localized(command, 'name', locale)].length +
      [...localized(command, 'description', locale)].length +
      countOptionChars(command.options, locale),
  );
  return Math.max(...counts);
}

/** Validates one application command definition as Discord does on PUT/POST/PATCH. */
export function checkCommand(errors: FormErrors, path: ErrorPath, command: unknown): void {
  if (!isObject(command)) {
    errors.add(path, 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
    return;
  }
  const errorsBefore = errors.size;
  const type = command.type ?? 1;
  if (type !== 1 && type !== 2 && type !== 3 && type !== 4) {
    errors.add([...path, 'type'], 'BASE_TYPE_CHOICES', 'Value must be one of {1, 2, 3, 4}.');
    return;
  }
  const chatInput = type === 1;
  checkName(errors, [...path, 'name'], command.name, chatInput);
  checkLocalizations(errors, [...path, 'name_localizations'], command.name_localizations, (e, p, v) => checkName(e, p, v, chatInput));
  if (chatInput) {
    checkDescription(errors, [...path, 'description'], command.description);
    checkLocalizations(errors, [...path, 'description_localizations'], command.description_localizations, checkDescription);
  } else if (typeof command.description === 'string' && command.description !== '') {
    errors.add([...path, 'description'], 'APPLICATION_COMMAND_CONTEXT_MENU_DESCRIPTION_INVALID', 'Context menu commands cannot have a description');
  }
  if (command.options !== undefined && command.options !== null) {
    if (!chatInput) errors.add([...path, 'options'], 'APPLICATION_COMMAND_OPTIONS_NOT_ALLOWED', 'Only chat input commands may have options');
    else checkOptionList(errors, [...path, 'options'], command.options, 'any', 1);
  }
  const permissions = command.default_member_permissions;
  if (permissions !== undefined && permissions !== null && (typeof permissions !== 'string' || !/^\d+$/.test(permissions))) {
    errors.add([...path, 'default_member_permissions'], 'BASE_TYPE_STRING', 'Must be a string of a permission bit set.');
  }
  for (const [key, allowed] of [['contexts', [0, 1, 2]], ['integration_types', [0, 1]]] as const) {
    const value = command[key];
    if (value === undefined || value === null) continue;
    if (!Array.isArray(value) || value.some((v) => !(allowed as readonly number[]).includes(Number(v)))) {
      errors.add([...path, key], 'ENUM_TYPE_COERCE', `Values must be among {${allowed.join(', ')}}.`);
    }
  }
  if (errors.size === errorsBefore && commandCharacterCount(command) > MAX_COMMAND_CHARS) {
    errors.add(path, 'APPLICATION_COMMAND_TOO_LARGE', `Command exceeds maximum size (${MAX_COMMAND_CHARS})`);
  }
}
