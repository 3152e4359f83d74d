import type { ScheduleSettings } from '../../src/store/index.js';

export const GUILD = '111111111111111111';
export const CHANNEL = '222222222222222222';

/** A weekday-morning digest schedule for a channel. */
export function scheduleSettings(channelId = CHANNEL, guildId = GUILD): ScheduleSettings {
  return {
    channelId,
    guildId,
    scheduleInput: 'weekdays 08:30',
    cron: '30 8 * * 1-5',
    timeZone: 'Asia/Jakarta',
    size: 5,
    maxMessages: 1,
    locale: 'id',
    postWhenEmpty: false,
    createdBy: '444444444444444444',
  };
}
