import type { MessageKey, Params } from '../i18n/index.js';

/** A mistake of the user's (an unknown article, a schedule that cannot run): the router answers it with a private, localized notice. */
export class UserError extends Error {
  override name = 'UserError';
  constructor(
    readonly key: MessageKey,
    readonly params: Params = {},
  ) {
    super(key);
  }
}
