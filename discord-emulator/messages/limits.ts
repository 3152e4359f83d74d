import { FormErrors, type ErrorPath } from '../rest/discord-error.js';
import { isObject, type JsonObject } from '../json.js';

export const Limits = {
  content: 2000,
  embeds: 10,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footerText: 2048,
  authorName: 256,
  embedTotal: 6000,
  actionRows: 5,
  rowComponents: 5,
  customId: 100,
  buttonLabel: 80,
  selectOptions: 25,
  autocompleteChoices: 25,
  choiceName: 100,
  choiceValue: 100,
  nonce: 25,
} as const;

const tooLong = (max: number) => ({ code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${max} or fewer in length.` });
const badLength = (min: number, max: number) => ({
  code: 'BASE_TYPE_BAD_LENGTH',
  message: `Must be between ${min} and ${max} in length.`,
});
const required = { code: 'BASE_TYPE_REQUIRED', message: 'This field is required' };

function addError(errors: FormErrors, path: ErrorPath, error: { code: string; message: string }): void {
  errors.add(path, error.code, error.message);
}

function checkString(
  errors: FormErrors,
  path: ErrorPath,
  value: unknown,
  options: { max: number; min?: number; required?: boolean },
): number {
  if (value === undefined || value === null) {
    if (options.required) addError(errors, path, required);
    return 0;
  }
  if (typeof value !== 'string') {
    errors.add(path, 'BASE_TYPE_STRING', 'Could not interpret "' + String(value) + '" as string.');
    return 0;
  }
  const length = [...value].length;
  const min = options.min ?? 0;
  if (options.required && value.trim() === '') addError(errors, path, required);
  else if (length < min || length > options.max) {
    addError(errors, path, min > 0 ? badLength(min, options.max) : tooLong(options.max));
  }
  return length;
}

function checkUrl(errors: FormErrors, path: ErrorPath, value: unknown, schemes: string[]): void {
  if (value === undefined || value === null) return;
  let ok = false;
  if (typeof value === 'string') {
    try {
      ok = schemes.includes(new URL(value).protocol);
    } catch {
      ok = false;
    }
  }
  if (!ok) errors.add(path, 'URL_TYPE_INVALID_URL', 'Not a well formed URL.');
}

/** Checks one embed and returns the characters it counts towards the 6,000 total. */
function checkEmbed(errors: FormErrors, path: ErrorPath, embed: unknown): number {
  if (!isObject(embed)) {
    errors.add(path, 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
    return 0;
  }
  let total = 0;
  total += checkString(errors, [...path, 'title'], embed.title, { max: Limits.embedTitle });
  total += checkString(errors, [...path, 'description'], embed.description, { max: Limits.embedDescription });
  checkUrl(errors, [...path, 'url'], embed.url, ['http:', 'https:']);
  if (embed.color !== undefined && embed.color !== null) {
    if (typeof embed.color !== 'number' || !Number.isInteger(embed.color) || embed.color < 0) {
      errors.add([...path, 'color'], 'NUMBER_TYPE_COERCE', `Value "${String(embed.color)}" is not int.`);
    } else if (embed.color > 0xffffff) {
      errors.add([...path, 'color'], 'NUMBER_TYPE_MAX', 'int value should be less than or equal to 16777215.');
    }
  }
  if (embed.timestamp !== undefined && embed.timestamp !== null) {
    if (typeof embed.timestamp !== 'string' || Number.isNaN(Date.parse(embed.timestamp))) {
      errors.add([...path, 'timestamp'], 'DATE_TYPE_PARSE', `Could not parse ${String(embed.timestamp)}. Should be ISO8601.`);
    }
  }
  if (embed.footer !== undefined && embed.footer !== null) {
    const footer = isObject(embed.footer) ? embed.footer : {};
    total += checkString(errors, [...path, 'footer', 'text'], footer.text, { max: Limits.footerText, required: true });
    checkUrl(errors, [...path, 'footer', 'icon_url'], footer.icon_url, ['http:', 'https:', 'attachment:']);
  }
  if (embed.author !== undefined && embed.author !== null) {
    const author = isObject(embed.author) ? embed.author : {};
    total += checkString(errors, [...path, 'author', 'name'], author.name, { max: Limits.authorName, required: true });
    checkUrl(errors, [...path, 'author', 'url'], author.url, ['http:', 'https:']);
    checkUrl(errors, [...path, 'author', 'icon_url'], author.icon_url, ['http:', 'https:', 'attachment:']);
  }
  for (const media of ['image', 'thumbnail'] as const) {
    const value = embed[media];
    if (value === undefined || value === null) continue;
    const url = isObject(value) ? value.url : undefined;
    if (url === undefined) addError(errors, [...path, media, 'url'], required);
    else checkUrl(errors, [...path, media, 'url'], url, ['http:', 'https:', 'attachment:']);
  }
  if (embed.fields !== undefined && embed.fields !== null) {
    if (!Array.isArray(embed.fields)) {
      errors.add([...path, 'fields'], 'LIST_TYPE_CONVERT', 'Only iterables may be used in a ListType');
    } else {
      if (embed.fields.length > Limits.embedFields) addError(errors, [...path, 'fields'], tooLong(Limits.embedFields));
      embed.fields.forEach((field: unknown, index: number) => {
        const fieldPath = [...path, 'fields', index];
        const item = isObject(field) ? field : {};
        total += checkString(errors, [...fieldPath, 'name'], item.name, { max: Limits.fieldName, required: true });
        total += checkString(errors, [...fieldPath, 'value'], item.value, { max: Limits.fieldValue, required: true });
        if (item.inline !== undefined && typeof item.inline !== 'boolean') {
          errors.add([...fieldPath, 'inline'], 'BASE_TYPE_BOOLEAN', 'Must be either true or false.');
        }
      });
    }
  }
  return total;
}

function checkButton(errors: FormErrors, path: ErrorPath, button: JsonObject, customIds: Map<string, ErrorPath>): void {
  const style = button.style;
  if (typeof style !== 'number' || style < 1 || style > 6) {
    errors.add([...path, 'style'], 'BASE_TYPE_CHOICES', 'Value must be one of {1, 2, 3, 4, 5, 6}.');
    return;
  }
  checkString(errors, [...path, 'label'], button.label, { max: Limits.buttonLabel });
  if (style === 5) {
    if (button.url === undefined) errors.add([...path, 'url'], 'BUTTON_COMPONENT_URL_REQUIRED', 'A url is required');
    else checkUrl(errors, [...path, 'url'], button.url, ['http:', 'https:', 'discord:']);
    if (button.custom_id !== undefined) {
      errors.add([...path, 'custom_id'], 'BUTTON_COMPONENT_CUSTOM_ID_NOT_ALLOWED', 'A custom id cannot be specified');
    }
  } else if (style !== 6) {
    checkCustomId(errors, path, button.custom_id, customIds);
    if (button.url !== undefined) errors.add([...path, 'url'], 'BUTTON_COMPONENT_URL_NOT_ALLOWED', 'A url cannot be specified');
  }
  if ((button.label === undefined || button.label === '') && button.emoji === undefined && style !== 6) {
    errors.add([...path, 'label'], 'BUTTON_COMPONENT_LABEL_OR_EMOJI_REQUIRED', 'A label or emoji is required');
  }
}

function checkCustomId(errors: FormErrors, path: ErrorPath, customId: unknown, seen: Map<string, ErrorPath>): void {
  const before = errors.size;
  checkString(errors, [...path, 'custom_id'], customId, { max: Limits.customId, min: 1, required: true });
  if (typeof customId !== 'string' || errors.size > before) return;
  if (seen.has(customId)) {
    errors.add([...path, 'custom_id'], 'COMPONENT_CUSTOM_ID_DUPLICATED', 'Component custom id cannot be duplicated');
  }
  seen.set(customId, path);
}

function checkSelect(errors: FormErrors, path: ErrorPath, select: JsonObject, customIds: Map<string, ErrorPath>): void {
  checkCustomId(errors, path, select.custom_id, customIds);
  checkString(errors, [...path, 'placeholder'], select.placeholder, { max: 150 });
  if (select.type === 3) {
    const options = Array.isArray(select.options) ? select.options : [];
    if (options.length < 1 || options.length > Limits.selectOptions) {
      addError(errors, [...path, 'options'], badLength(1, Limits.selectOptions));
    }
    options.forEach((option: unknown, index: number) => {
      const item = isObject(option) ? option : {};
      checkString(errors, [...path, 'options', index, 'label'], item.label, { max: 100, min: 1, required: true });
      checkString(errors, [...path, 'options', index, 'value'], item.value, { max: 100, min: 1, required: true });
      checkString(errors, [...path, 'options', index, 'description'], item.description, { max: 100 });
    });
  }
}

function checkComponents(errors: FormErrors, path: ErrorPath, components: unknown, flags: number): void {
  if (components === undefined || components === null) return;
  if (!Array.isArray(components)) {
    errors.add(path, 'LIST_TYPE_CONVERT', 'Only iterables may be used in a ListType');
    return;
  }
  if (flags & (1 << 15)) return;
  if (components.length > Limits.actionRows) addError(errors, path, tooLong(Limits.actionRows));
  const customIds = new Map<string, ErrorPath>();
  components.forEach((row: unknown, rowIndex: number) => {
    const rowPath = [...path, rowIndex];
    if (!isObject(row) || row.type !== 1) {
      errors.add([...rowPath, 'type'], 'UNION_TYPE_CHOICES', 'Value of field "type" must be one of (1,).');
      return;
    }
    const children = Array.isArray(row.components) ? row.components : [];
    if (children.length < 1 || children.length > Limits.rowComponents) {
      addError(errors, [...rowPath, 'components'], badLength(1, Limits.rowComponents));
    }
    children.forEach((child: unknown, index: number) => {
      const childPath = [...rowPath, 'components', index];
      if (!isObject(child)) return;
      if (child.type === 2) checkButton(errors, childPath, child, customIds);
      else if ([3, 5, 6, 7, 8].includes(Number(child.type))) {
        if (children.length > 1) {
          errors.add(childPath, 'COMPONENT_LAYOUT_WIDTH_EXCEEDED', 'The specified component exceeds the maximum width');
        }
        checkSelect(errors, childPath, child, customIds);
      } else {
        errors.add([...childPath, 'type'], 'UNION_TYPE_CHOICES', 'Value of field "type" must be one of (2, 3, 5, 6, 7, 8).');
      }
    });
  });
}

function checkAllowedMentions(errors: FormErrors, path: ErrorPath, value: unknown): void {
  if (value === undefined || value === null) return;
  if (!isObject(value)) {
    errors.add(path, 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
    return;
  }
  const parse = value.parse;
  if (parse !== undefined) {
    if (!Array.isArray(parse)) errors.add([...path, 'parse'], 'LIST_TYPE_CONVERT', 'Only iterables may be used in a ListType');
    else {
      parse.forEach((item: unknown, index: number) => {
        if (!['users', 'roles', 'everyone'].includes(String(item))) {
          errors.add([...path, 'parse', index], 'ENUM_TYPE_COERCE', `Value "${String(item)}" is not a valid enum value.`);
        }
      });
      for (const kind of ['users', 'roles'] as const) {
        const explicit = value[kind];
        if (parse.includes(kind) && Array.isArray(explicit) && explicit.length > 0) {
          errors.add([...path, 'parse'], 'SET_TYPE_ALREADY_CONTAINS_VALUE', `parse:["${kind}"] and ${kind}: [ids...] are mutually exclusive.`);
        }
      }
    }
  }
  for (const kind of ['users', 'roles'] as const) {
    const explicit = value[kind];
    if (Array.isArray(explicit) && explicit.length > 100) addError(errors, [...path, kind], tooLong(100));
  }
}

export interface MessageCheckOptions {
  /** Prefix for error paths, e.g. `['data']` for interaction callbacks. */
  path?: ErrorPath;
}

/** Validates the fields present in a message create/edit body against Discord's limits. */
export function checkMessageBody(body: JsonObject, errors: FormErrors, options: MessageCheckOptions = {}): void {
  const base = options.path ?? [];
  checkString(errors, [...base, 'content'], body.content, { max: Limits.content });
  const flags = typeof body.flags === 'number' ? body.flags : 0;
  if (body.embeds !== undefined && body.embeds !== null) {
    if (!Array.isArray(body.embeds)) {
      errors.add([...base, 'embeds'], 'LIST_TYPE_CONVERT', 'Only iterables may be used in a ListType');
    } else {
      if (body.embeds.length > Limits.embeds) addError(errors, [...base, 'embeds'], tooLong(Limits.embeds));
      let total = 0;
      body.embeds.forEach((embed: unknown, index: number) => {
        total += checkEmbed(errors, [...base, 'embeds', index], embed);
      });
      if (total > Limits.embedTotal) {
        errors.add([...base, 'embeds'], 'MAX_EMBED_SIZE_EXCEEDED', `Embed size exceeds maximum size of ${Limits.embedTotal}`);
      }
    }
  }
  checkComponents(errors, [...base, 'components'], body.components, flags);
  checkAllowedMentions(errors, [...base, 'allowed_mentions'], body.allowed_mentions);
  if (typeof body.nonce === 'string') checkString(errors, [...base, 'nonce'], body.nonce, { max: Limits.nonce });
  else if (body.nonce !== undefined && body.nonce !== null && typeof body.nonce !== 'number') {
    errors.add([...base, 'nonce'], 'BASE_TYPE_STRING', 'Could not interpret nonce as string.');
  }
}

export function isEmptyMessage(message: { content?: unknown; embeds?: unknown; components?: unknown; attachments?: unknown; sticker_ids?: unknown; poll?: unknown }): boolean {
  const hasContent = typeof message.content === 'string' && message.content.trim() !== '';
  const nonEmpty = (value: unknown) => Array.isArray(value) && value.length > 0;
  return !(
    hasContent ||
    nonEmpty(message.embeds) ||
    nonEmpty(message.components) ||
    nonEmpty(message.attachments) ||
    nonEmpty(message.sticker_ids) ||
    (message.poll !== undefined && message.poll !== null)
  );
}

/** Validates an autocomplete result (callback type 8). */
export function checkAutocompleteChoices(data: unknown, errors: FormErrors): void {
  const choices = isObject(data) ? data.choices : undefined;
  if (!Array.isArray(choices)) {
    addError(errors, ['data', 'choices'], required);
    return;
  }
  if (choices.length > Limits.autocompleteChoices) addError(errors, ['data', 'choices'], tooLong(Limits.autocompleteChoices));
  choices.forEach((choice: unknown, index: number) => {
    const path = ['data', 'choices', index];
    const item = isObject(choice) ? choice : {};
    checkString(errors, [...path, 'name'], item.name, { min: 1, max: Limits.choiceName, required: true });
    if (typeof item.value === 'string') checkString(errors, [...path, 'value'], item.value, { max: Limits.choiceValue });
    else if (typeof item.value !== 'number') addError(errors, [...path, 'value'], required);
  });
}
