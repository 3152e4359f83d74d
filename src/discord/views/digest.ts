import type { APIEmbed } from 'discord.js';
import type { ChannelDigestStatus, DigestCommandOutcome, DigestOutage, DigestPreview, PostNowResult, SetDigestError } from '../../digest/index.js';
import type { StoreUnavailable } from '../../store/index.js';
import { formatMoment, quantity, t, type Lang } from '../../i18n/index.js';
import { decodeMessage } from '../digest/format.js';
import { UserError } from '../user-error.js';
import { clip, Limits } from './limits.js';
import { notice, type View } from './message.js';

const STATUS_COLOR = 0x1f6f8b;

const channelMention = (channelId: string): string => `<#${channelId}>`;

/** The next run in the channel's zone, the zone named in the time itself (one time, never a second unlabelled one). */
export function nextRunText(at: number | null, timeZone: string, lang: Lang): string {
  if (at === null) return t(lang, 'digest.status.notScheduled');
  return formatMoment(lang, at, timeZone);
}

/** A digest set up: where, when, and what to check. */
export function setReply(status: ChannelDigestStatus, lang: Lang): View {
  const done = t(lang, 'digest.set.done', {
    channel: channelMention(status.channelId),
    schedule: status.schedule,
    timeZone: status.timeZone,
    articles: quantity(lang, status.size, 'article'),
    next: nextRunText(status.nextRunAt, status.timeZone, lang),
  });
  const messages = status.maxMessages > 1 ? `\n${t(lang, 'digest.set.messages', { messages: quantity(lang, status.maxMessages, 'message') })}` : '';
  return notice(`${done}${messages}`);
}

/** Why a digest could not be set, for the handler to throw. */
export function setError(error: SetDigestError): UserError {
  switch (error.kind) {
    case 'schedule':
      return new UserError(`digest.errors.schedule.${error.code}`, { input: error.input, detail: error.detail });
    case 'time_zone':
      return new UserError('digest.errors.timeZone', { input: error.input });
    case 'too_many':
      return new UserError('digest.errors.tooMany', { max: error.max });
    case 'size':
      return new UserError('digest.errors.size', { size: error.size });
    case 'max_messages':
      return new UserError('digest.errors.maxMessages', { maxMessages: error.maxMessages });
  }
}

/** Why digests cannot work (the store is read-only, full, gone…) and what the operator must do, in the reader's language. */
export function outageText(error: StoreUnavailable, lang: Lang): { cause: string; whatToDo: string } {
  return { cause: t(lang, `digest.outage.cause.${error.cause}`), whatToDo: t(lang, `digest.outage.whatToDo.${error.cause}`) };
}

export function outageReply(error: StoreUnavailable, lang: Lang): View {
  return notice(t(lang, 'digest.outage.line', outageText(error, lang)));
}

/** A digest a moderator turned off, when someone asks for it. */
export function turnedOffReply(channelId: string, lang: Lang): View {
  return notice(t(lang, 'digest.turnedOff', { channel: channelMention(channelId) }));
}

export function offReply(removed: boolean, channelId: string, lang: Lang): View {
  return notice(t(lang, removed ? 'digest.off.done' : 'digest.off.missing', { channel: channelMention(channelId) }));
}

function stateLine(status: ChannelDigestStatus, lang: Lang): string {
  const { state, stateReason, stateDetail: detail, consecutiveFailures: count } = status;
  if (state === 'active') {
    if (count === 0) return t(lang, 'digest.state.active');
    return detail === null ? t(lang, 'digest.state.failing', { count }) : t(lang, 'digest.state.failingDetail', { count, detail });
  }
  const why =
    stateReason === 'forbidden' || stateReason === 'not_found'
      ? t(lang, `digest.state.why.${stateReason}`)
      : t(lang, 'digest.state.why.failures', { count });
  const label = t(lang, `digest.state.${state}`);
  return detail === null ? t(lang, 'digest.state.halted', { state: label, why }) : t(lang, 'digest.state.haltedDetail', { state: label, why, detail });
}

function lastRunLine(status: ChannelDigestStatus, lastRun: NonNullable<ChannelDigestStatus['lastRun']>, lang: Lang): string {
  const when = formatMoment(lang, lastRun.at, status.timeZone);
  const articles = quantity(lang, lastRun.articles, 'article');
  switch (lastRun.status) {
    case 'delivered':
      if (lastRun.waiting > 0) return t(lang, 'digest.lastRun.deliveredWaiting', { when, articles, waiting: lastRun.waiting });
      return t(lang, 'digest.lastRun.delivered', { when, articles });
    case 'pending':
      return t(lang, 'digest.lastRun.pending', { when, articles });
    case 'failed':
      return lastRun.error === null ? t(lang, 'digest.lastRun.failed', { when }) : t(lang, 'digest.lastRun.failedError', { when, error: lastRun.error });
    case 'empty':
    case 'cancelled':
      return t(lang, `digest.lastRun.${lastRun.status}`, { when });
  }
}

function statusField(status: ChannelDigestStatus, lang: Lang): { name: string; value: string } {
  const icon = status.state === 'active' ? '🟢' : status.state === 'paused' ? '⏸️' : '⛔';
  const schedule = { schedule: status.schedule, timeZone: status.timeZone, size: status.size };
  const messages = status.maxMessages > 1 ? ` · ${t(lang, 'digest.status.messages', { messages: quantity(lang, status.maxMessages, 'message') })}` : '';
  const lines = [
    `${channelMention(status.channelId)} · ${t(lang, status.postWhenEmpty ? 'digest.status.scheduleWithNote' : 'digest.status.schedule', schedule)}${messages}`,
    `**${t(lang, 'digest.status.nextRun')}:** ${nextRunText(status.nextRunAt, status.timeZone, lang)}`,
    `**${t(lang, 'digest.status.state')}:** ${stateLine(status, lang)}`,
  ];
  if (status.lastRun !== null) lines.push(`**${t(lang, 'digest.status.lastRun')}:** ${lastRunLine(status, status.lastRun, lang)}`);
  return { name: clip(`${icon} ${status.schedule}`, Limits.fieldName), value: clip(lines.join('\n'), Limits.fieldValue) };
}

/** The server's digests; a store outage the service met (a full disk, say) comes first, with what to do. */
export function statusReply(statuses: readonly ChannelDigestStatus[], lang: Lang, outage: DigestOutage | null = null): View {
  const problem =
    outage === null
      ? null
      : t(lang, 'digest.outage.status', { when: formatMoment(lang, outage.at, statuses[0]?.timeZone ?? 'UTC'), ...outageText(outage.error, lang) });
  if (statuses.length === 0) return notice(problem === null ? t(lang, 'digest.status.none') : `${problem}\n${t(lang, 'digest.status.none')}`);
  const embed: APIEmbed = {
    title: t(lang, 'digest.status.title'),
    color: STATUS_COLOR,
    fields: statuses.slice(0, Limits.fields).map((status) => statusField(status, lang)),
  };
  if (problem !== null) embed.description = clip(problem, Limits.description);
  return { embeds: [embed] };
}

export function nowReply(result: PostNowResult, channelId: string, lang: Lang): View {
  const channel = channelMention(channelId);
  switch (result.status) {
    case 'no_schedule':
      return notice(t(lang, 'digest.noSchedule', { channel }));
    case 'off':
      return turnedOffReply(channelId, lang);
    case 'busy':
    case 'interrupted':
      return notice(t(lang, 'digest.now.busy', { channel }));
    case 'empty':
      return notice(t(lang, 'digest.now.empty', { channel }));
    case 'delivered':
      return postedReply(result, channel, lang);
    case 'failed':
      return failedReply(result.failure.detail, result.failure.kind, result.state, channel, lang);
  }
}

function postedReply(result: { readonly articles: number; readonly messages: number; readonly waiting: number }, channel: string, lang: Lang): View {
  if (result.articles === 0) return notice(t(lang, 'digest.now.empty', { channel }));
  const counts = { channel, articles: quantity(lang, result.articles, 'article'), messages: quantity(lang, result.messages, 'message') };
  if (result.waiting > 0) return notice(t(lang, 'digest.now.postedWaiting', { ...counts, waiting: quantity(lang, result.waiting, 'article') }));
  return notice(t(lang, 'digest.now.posted', counts));
}

function failedReply(detail: string, kind: string | null, state: 'active' | 'paused' | 'disabled', channel: string, lang: Lang): View {
  if (state === 'active') return notice(t(lang, 'digest.now.failed', { channel, detail }));
  const label = t(lang, `digest.now.${state}`);
  const because = kind === 'forbidden' || kind === 'not_found' ? t(lang, `digest.now.because.${kind}`, { state: label }) : label;
  return notice(t(lang, 'digest.now.failedHalted', { channel, detail, state: because }));
}

/** The final answer of a `/digest now` whose process stopped before answering, given by the process that finished it. */
export function finishedCommandReply(outcome: DigestCommandOutcome, lang: Lang): View {
  if (outcome.status === 'not_started') return notice(t(lang, 'digest.now.notStarted'));
  const channel = channelMention(outcome.channelId);
  switch (outcome.status) {
    case 'delivered':
      return postedReply(outcome, channel, lang);
    case 'empty':
      return notice(t(lang, 'digest.now.empty', { channel }));
    case 'cancelled':
      return notice(t(lang, 'digest.now.cancelled', { channel }));
    case 'failed':
      return failedReply(outcome.detail, null, outcome.state, channel, lang);
  }
}

/** The first message of the would-be digest, under a header saying nothing was posted. */
export function previewReply(preview: DigestPreview, channelId: string, lang: Lang): View {
  const channel = channelMention(channelId);
  const first = preview.messages[0];
  if (preview.articles === 0 || first === undefined) {
    const empty = t(lang, 'digest.preview.empty', { channel });
    return notice(preview.turnedOff ? `${empty}\n${t(lang, 'digest.preview.off', { channel })}` : empty);
  }
  const counts = {
    channel,
    articles: quantity(lang, preview.articles, 'article'),
    messages: quantity(lang, preview.messages.length, 'message'),
    leftOut: preview.leftOut,
  };
  const header = t(lang, preview.leftOut > 0 ? 'digest.preview.headerLeftOut' : 'digest.preview.header', counts);
  const shown = preview.messages.length > 1 ? `${header} ${t(lang, 'digest.preview.firstShown')}` : header;
  const content = preview.turnedOff ? `${shown}\n${t(lang, 'digest.preview.off', { channel })}` : shown;
  return { content: clip(content, Limits.content), embeds: decodeMessage(first.body).embeds };
}
