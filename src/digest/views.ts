import type { APIEmbed } from 'discord.js';
import { clip, Limits } from '../discord/views/limits.js';
import { formatInZone, type DigestTexts } from './messages.js';
import type { ChannelDigestStatus, DigestPreview, PostNowResult, SetDigestResult } from './service.js';

/** A reply to /digest: plain message data, within Discord's limits, for the bot's answer helper. */
export interface DigestReply {
  readonly content?: string;
  readonly embeds: readonly APIEmbed[];
}

const STATUS_COLOR = 0x1f6f8b;

const channelMention = (channelId: string): string => `<#${channelId}>`;
const text = (content: string): DigestReply => ({ content: clip(content, Limits.content), embeds: [] });

/** The next run in the channel's zone, and in the reader's own zone through a Discord timestamp. */
export function nextRunText(at: number | null, timeZone: string, texts: DigestTexts): string | null {
  if (at === null) return null;
  return `${formatInZone(at, timeZone, texts)} (<t:${Math.floor(at / 1000)}:R>)`;
}

export function setReply(result: SetDigestResult, channelId: string, texts: DigestTexts): DigestReply {
  if (result.ok) {
    const { status } = result;
    const next = nextRunText(status.nextRunAt, status.timeZone, texts);
    return text(texts.setDone(channelMention(channelId), status.schedule, status.timeZone, status.size, texts.statusNext(next)));
  }
  const { error } = result;
  switch (error.kind) {
    case 'schedule':
      return text(texts.scheduleError(error.code, error.input, error.detail));
    case 'time_zone':
      return text(texts.badTimeZone(error.input));
    case 'too_many':
      return text(texts.tooManyChannels(error.max));
    case 'size':
      return text(texts.badSize(error.size));
  }
}

export function offReply(removed: boolean, channelId: string, texts: DigestTexts): DigestReply {
  return text(removed ? texts.offDone(channelMention(channelId)) : texts.offMissing(channelMention(channelId)));
}

function statusField(status: ChannelDigestStatus, texts: DigestTexts): { name: string; value: string } {
  const icon = status.state === 'active' ? '🟢' : status.state === 'paused' ? '⏸️' : '⛔';
  const lines = [
    `${channelMention(status.channelId)} · ${texts.statusSchedule(status.schedule, status.timeZone, status.size, status.postWhenEmpty)}`,
    `**${texts.labels.nextRun}:** ${texts.statusNext(nextRunText(status.nextRunAt, status.timeZone, texts))}`,
    `**${texts.labels.state}:** ${texts.stateLine(status.state, status.stateReason, status.stateDetail, status.consecutiveFailures)}`,
  ];
  if (status.lastRun !== null) {
    const when = formatInZone(status.lastRun.at, status.timeZone, texts);
    lines.push(`**${texts.labels.lastRun}:** ${texts.lastRun(status.lastRun.status, status.lastRun.articles, when, status.lastRun.error)}`);
  }
  return { name: clip(`${icon} ${status.schedule}`, Limits.fieldName), value: clip(lines.join('\n'), Limits.fieldValue) };
}

export function statusReply(statuses: readonly ChannelDigestStatus[], texts: DigestTexts): DigestReply {
  if (statuses.length === 0) return text(texts.statusNone());
  const embed: APIEmbed = {
    title: texts.statusTitle(),
    color: STATUS_COLOR,
    fields: statuses.slice(0, Limits.fields).map((status) => statusField(status, texts)),
  };
  return { embeds: [embed] };
}

export function nowReply(result: PostNowResult, channelId: string, texts: DigestTexts): DigestReply {
  const channel = channelMention(channelId);
  switch (result.status) {
    case 'no_schedule':
      return text(texts.noSchedule(channel));
    case 'busy':
    case 'skipped':
    case 'interrupted':
      return text(texts.nowBusy(channel));
    case 'empty':
      return text(texts.nowEmpty(channel));
    case 'delivered':
      return text(result.articles === 0 ? texts.nowEmpty(channel) : texts.nowPosted(channel, result.articles, result.messages));
    case 'failed':
      return text(texts.nowFailed(channel, result.state, result.failure.kind === 'forbidden' || result.failure.kind === 'not_found' ? result.failure.kind : null, result.failure.detail));
  }
}

/** The first message of the would-be digest, under a header saying nothing was posted. */
export function previewReply(preview: DigestPreview, channelId: string, texts: DigestTexts): DigestReply {
  const channel = channelMention(channelId);
  const first = preview.payloads[0];
  if (preview.articles === 0 || first === undefined) return text(texts.previewEmpty(channel));
  const header = texts.previewHeader(channel, preview.articles, preview.leftOut, preview.payloads.length);
  return { content: clip(header, Limits.content), embeds: first.embeds };
}
