export interface FieldError {
  code: string;
  message: string;
}

export type ErrorTree = { _errors?: FieldError[] } & { [key: string]: ErrorTree | FieldError[] | undefined };

export type ErrorPath = ReadonlyArray<string | number>;

/** Collects field errors into Discord's nested `errors` object (`{ embeds: { 0: { title: { _errors: [...] } } } }`). */
export class FormErrors {
  private readonly root: ErrorTree = {};
  private count = 0;

  add(path: ErrorPath, code: string, message: string): void {
    let node = this.root;
    for (const segment of path) {
      const key = String(segment);
      const child = node[key];
      if (child === undefined || Array.isArray(child)) {
        const created: ErrorTree = {};
        node[key] = created;
        node = created;
      } else {
        node = child;
      }
    }
    (node._errors ??= []).push({ code, message });
    this.count += 1;
  }

  get isEmpty(): boolean {
    return this.count === 0;
  }

  get size(): number {
    return this.count;
  }

  toJSON(): ErrorTree {
    return this.root;
  }
}

export interface DiscordErrorBody {
  code: number;
  message: string;
  errors?: ErrorTree;
  retry_after?: number;
  global?: boolean;
}

/** An answer in Discord's error shape; thrown by handlers and turned into an HTTP response. */
export class DiscordApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
    readonly errors?: ErrorTree,
  ) {
    super(message);
  }

  get body(): DiscordErrorBody {
    return this.errors === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, errors: this.errors };
  }
}

export function invalidFormBody(errors: FormErrors): DiscordApiError {
  return new DiscordApiError(400, 50035, 'Invalid Form Body', errors.toJSON());
}

export function throwIfInvalid(errors: FormErrors): void {
  if (!errors.isEmpty) throw invalidFormBody(errors);
}

export const Errors = {
  unauthorized: () => new DiscordApiError(401, 0, '401: Unauthorized'),
  notFound: () => new DiscordApiError(404, 0, '404: Not Found'),
  methodNotAllowed: () => new DiscordApiError(405, 0, '405: Method Not Allowed'),
  unknownApplication: () => new DiscordApiError(404, 10002, 'Unknown Application'),
  unknownChannel: () => new DiscordApiError(404, 10003, 'Unknown Channel'),
  unknownGuild: () => new DiscordApiError(404, 10004, 'Unknown Guild'),
  unknownMember: () => new DiscordApiError(404, 10007, 'Unknown Member'),
  unknownMessage: () => new DiscordApiError(404, 10008, 'Unknown Message'),
  unknownRole: () => new DiscordApiError(404, 10011, 'Unknown Role'),
  unknownUser: () => new DiscordApiError(404, 10013, 'Unknown User'),
  unknownWebhook: () => new DiscordApiError(404, 10015, 'Unknown Webhook'),
  unknownCommand: () => new DiscordApiError(404, 10063, 'Unknown application command'),
  unknownInteraction: () => new DiscordApiError(404, 10062, 'Unknown interaction'),
  maxDailyCommandCreates: () =>
    new DiscordApiError(429, 30034, 'Max number of daily application command creates has been reached (200)'),
  alreadyAcknowledged: () => new DiscordApiError(400, 40060, 'Interaction has already been acknowledged.'),
  missingAccess: () => new DiscordApiError(403, 50001, 'Missing Access'),
  cannotEditOthersMessage: () => new DiscordApiError(403, 50005, 'Cannot edit a message authored by another user'),
  emptyMessage: () => new DiscordApiError(400, 50006, 'Cannot send an empty message'),
  nonTextChannel: () => new DiscordApiError(400, 50008, 'Cannot send messages in a non-text channel'),
  missingPermissions: () => new DiscordApiError(403, 50013, 'Missing Permissions'),
  invalidWebhookToken: () => new DiscordApiError(401, 50027, 'Invalid Webhook Token'),
  invalidJson: () => new DiscordApiError(400, 50109, 'The request body contains invalid JSON.'),
} as const;
