import type { ScheduleErrorCode } from './schedule.js';
import type { ScheduleStateReason, ScheduleState } from '../store/index.js';

/** Every text the digest feature shows, in one language. */
export interface DigestTexts {
  readonly locale: 'id' | 'en';
  readonly intlLocale: string;
  digestHeader(articles: number, leftOut: number, date: string): string;
  nothingNew(): string;
  keywords(): string;
  guildOnly(): string;
  notModerator(): string;
  unavailable(): string;
  scheduleError(code: ScheduleErrorCode, input: string, detail: string): string;
  badTimeZone(input: string): string;
  badSize(size: number): string;
  tooManyChannels(max: number): string;
  setDone(channel: string, schedule: string, timeZone: string, size: number, nextRun: string): string;
  offDone(channel: string): string;
  offMissing(channel: string): string;
  noSchedule(channel: string): string;
  statusTitle(): string;
  statusNone(): string;
  statusSchedule(schedule: string, timeZone: string, size: number, postWhenEmpty: boolean): string;
  statusNext(nextRun: string | null): string;
  stateLine(state: ScheduleState, reason: ScheduleStateReason | null, detail: string | null, failures: number): string;
  lastRun(kind: 'delivered' | 'empty' | 'failed' | 'cancelled' | 'pending', articles: number, when: string, error: string | null): string;
  nowPosted(channel: string, articles: number, messages: number): string;
  nowEmpty(channel: string): string;
  nowBusy(channel: string): string;
  nowFailed(channel: string, state: ScheduleState, reason: ScheduleStateReason | null, detail: string): string;
  previewHeader(channel: string, articles: number, leftOut: number, messages: number): string;
  previewEmpty(channel: string): string;
  labels: { schedule: string; nextRun: string; state: string; lastRun: string };
}

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

const en: DigestTexts = {
  locale: 'en',
  intlLocale: 'en-GB',
  digestHeader: (articles, leftOut, date) =>
    `📰 **Ringkas digest** · ${date} · ${plural(articles, 'new article', 'new articles')}` +
    (leftOut > 0 ? ` (${leftOut} more not shown)` : ''),
  nothingNew: () => '📰 Nothing new since the last digest.',
  keywords: () => 'Keywords',
  guildOnly: () => 'Digests can only be set up inside a server.',
  notModerator: () => 'Sorry, only members with the **Manage Server** permission can manage digests.',
  unavailable: () => 'Digests are not available right now (the digest service is not running). Please try again later.',
  scheduleError: (code, input, detail) => {
    const what = `\`${input}\``;
    switch (code) {
      case 'empty':
        return 'Please give a schedule, e.g. `07:00`, `weekdays 08:30` or a cron expression like `0 7 * * 1-5`.';
      case 'bad_time':
        return `${what}: \`${detail}\` is not a time. Use 24-hour \`HH:MM\` (e.g. \`07:00\`, \`18.30\`) or \`7am\`.`;
      case 'bad_days':
        return `${what}: \`${detail}\` is not a day. Use \`daily\`, \`weekdays\`, \`weekends\` or day names such as \`mon,wed,fri 08:00\`.`;
      case 'bad_cron':
        return `${what} is not a schedule I understand (${detail}). Examples: \`07:00\`, \`weekdays 08:30\`, \`sat 09:00\`, \`0 7 * * *\`.`;
      case 'never_runs':
        return `${what} would never run. Check the day and month fields.`;
      case 'too_frequent':
        return `${what} runs more often than every ${detail} minutes, which would flood the channel.`;
    }
  },
  badTimeZone: (input) => `\`${input}\` is not a time zone I know. Use an IANA name such as \`Asia/Jakarta\`, \`Asia/Makassar\` or \`Europe/London\` (or WIB/WITA/WIT).`,
  badSize: (size) => `${size} is not a digest size: choose 1 to 10 articles.`,
  tooManyChannels: (max) => `This server already has ${max} digest channels, the most I manage. Turn one off first with \`/digest off\`.`,
  setDone: (channel, schedule, timeZone, size, nextRun) =>
    `✅ Digest for ${channel}: \`${schedule}\` (${timeZone}), up to ${plural(size, 'article', 'articles')}. Next run: ${nextRun}.\n` +
    'Make sure I can **View Channel**, **Send Messages** and **Embed Links** there; `/digest now preview:true` shows what would be posted.',
  offDone: (channel) => `Digest for ${channel} turned off. What it already posted stays remembered, so turning it on again will not repeat it.`,
  offMissing: (channel) => `${channel} has no digest.`,
  noSchedule: (channel) => `${channel} has no digest yet. Set one up with \`/digest set\` (or use \`preview:true\` to see what it would post).`,
  statusTitle: () => 'Digests in this server',
  statusNone: () => 'No digests are set up. Use `/digest set` to post new articles to a channel on a schedule.',
  statusSchedule: (schedule, timeZone, size, postWhenEmpty) =>
    `\`${schedule}\` · ${timeZone} · up to ${size}${postWhenEmpty ? ' · notes when nothing is new' : ''}`,
  statusNext: (nextRun) => (nextRun === null ? 'not scheduled' : nextRun),
  stateLine: (state, reason, detail, failures) => {
    if (state === 'active') return failures > 0 ? `active (${plural(failures, 'recent failure', 'recent failures')}${detail === null ? '' : `: ${detail}`})` : 'active';
    const why =
      reason === 'forbidden'
        ? 'I may not post there. Give me View Channel, Send Messages and Embed Links, then run `/digest set` again'
        : reason === 'not_found'
          ? 'the channel is gone or hidden from me. Run `/digest set` after fixing it, or `/digest off`'
          : `${plural(failures, 'digest', 'digests')} in a row failed. Run \`/digest set\` to turn it back on`;
    return `${state === 'paused' ? '⏸️ paused' : '⛔ disabled'}: ${why}.${detail === null ? '' : ` (Discord: ${detail})`}`;
  },
  lastRun: (kind, articles, when, error) => {
    switch (kind) {
      case 'delivered':
        return `${when}: posted ${plural(articles, 'article', 'articles')}`;
      case 'empty':
        return `${when}: nothing new`;
      case 'failed':
        return `${when}: failed${error === null ? '' : ` (${error})`}`;
      case 'cancelled':
        return `${when}: cancelled`;
      case 'pending':
        return `${when}: being posted (${plural(articles, 'article', 'articles')})`;
    }
  },
  nowPosted: (channel, articles, messages) => `✅ Posted ${plural(articles, 'article', 'articles')} to ${channel} in ${plural(messages, 'message', 'messages')}.`,
  nowEmpty: (channel) => `Nothing new for ${channel} since its last digest, so nothing was posted.`,
  nowBusy: (channel) => `A digest for ${channel} is being posted right now; try again in a moment.`,
  nowFailed: (channel, state, reason, detail) =>
    `⚠️ The digest for ${channel} could not be posted: ${detail}.` +
    (state === 'active' ? '' : ` The digest is now ${state}${reason === 'forbidden' ? ' (missing permissions)' : reason === 'not_found' ? ' (channel not found)' : ''}; see \`/digest status\`.`),
  previewHeader: (channel, articles, leftOut, messages) =>
    `👀 Preview for ${channel} (nothing posted): ${plural(articles, 'article', 'articles')} in ${plural(messages, 'message', 'messages')}` +
    (leftOut > 0 ? `, ${leftOut} more left out by the size` : '') +
    (messages > 1 ? '. The first message is shown.' : '.'),
  previewEmpty: (channel) => `Nothing new for ${channel}: the next digest would post nothing.`,
  labels: { schedule: 'Schedule', nextRun: 'Next run', state: 'State', lastRun: 'Last digest' },
};

const id: DigestTexts = {
  locale: 'id',
  intlLocale: 'id-ID',
  digestHeader: (articles, leftOut, date) =>
    `📰 **Ringkasan berita** · ${date} · ${articles} artikel baru` + (leftOut > 0 ? ` (${leftOut} lainnya tidak ditampilkan)` : ''),
  nothingNew: () => '📰 Belum ada berita baru sejak ringkasan terakhir.',
  keywords: () => 'Kata kunci',
  guildOnly: () => 'Ringkasan terjadwal hanya bisa diatur di dalam server.',
  notModerator: () => 'Maaf, hanya anggota dengan izin **Kelola Server** yang dapat mengatur ringkasan terjadwal.',
  unavailable: () => 'Ringkasan terjadwal sedang tidak tersedia (layanannya tidak berjalan). Silakan coba lagi nanti.',
  scheduleError: (code, input, detail) => {
    const what = `\`${input}\``;
    switch (code) {
      case 'empty':
        return 'Tuliskan jadwal, misalnya `07:00`, `hari kerja 08:30` atau ekspresi cron seperti `0 7 * * 1-5`.';
      case 'bad_time':
        return `${what}: \`${detail}\` bukan jam yang sah. Gunakan format 24 jam \`JJ:MM\` (mis. \`07:00\`, \`18.30\`).`;
      case 'bad_days':
        return `${what}: \`${detail}\` bukan nama hari. Gunakan \`setiap hari\`, \`hari kerja\`, \`akhir pekan\` atau nama hari seperti \`senin,rabu,jumat 08:00\`.`;
      case 'bad_cron':
        return `${what} bukan jadwal yang saya pahami (${detail}). Contoh: \`07:00\`, \`hari kerja 08:30\`, \`sabtu 09:00\`, \`0 7 * * *\`.`;
      case 'never_runs':
        return `${what} tidak akan pernah berjalan. Periksa kolom tanggal dan bulannya.`;
      case 'too_frequent':
        return `${what} berjalan lebih sering dari setiap ${detail} menit dan akan membanjiri kanal.`;
    }
  },
  badTimeZone: (input) => `\`${input}\` bukan zona waktu yang saya kenal. Gunakan nama IANA seperti \`Asia/Jakarta\`, \`Asia/Makassar\`, \`Asia/Jayapura\` (atau WIB/WITA/WIT).`,
  badSize: (size) => `${size} bukan jumlah yang sah: pilih 1 sampai 10 artikel.`,
  tooManyChannels: (max) => `Server ini sudah punya ${max} kanal ringkasan, batas yang saya kelola. Matikan salah satu dengan \`/digest off\`.`,
  setDone: (channel, schedule, timeZone, size, nextRun) =>
    `✅ Ringkasan untuk ${channel}: \`${schedule}\` (${timeZone}), paling banyak ${size} artikel. Jadwal berikutnya: ${nextRun}.\n` +
    'Pastikan saya punya izin **Lihat Kanal**, **Kirim Pesan** dan **Sematkan Tautan** di sana; `/digest now preview:true` menampilkan apa yang akan dikirim.',
  offDone: (channel) => `Ringkasan untuk ${channel} dimatikan. Artikel yang sudah dikirim tetap diingat, jadi tidak akan diulang bila dinyalakan lagi.`,
  offMissing: (channel) => `${channel} tidak punya ringkasan terjadwal.`,
  noSchedule: (channel) => `${channel} belum punya ringkasan terjadwal. Atur dengan \`/digest set\` (atau pakai \`preview:true\` untuk melihat isinya).`,
  statusTitle: () => 'Ringkasan terjadwal di server ini',
  statusNone: () => 'Belum ada ringkasan terjadwal. Gunakan `/digest set` untuk mengirim artikel baru ke kanal sesuai jadwal.',
  statusSchedule: (schedule, timeZone, size, postWhenEmpty) =>
    `\`${schedule}\` · ${timeZone} · maks. ${size}${postWhenEmpty ? ' · kirim catatan bila tidak ada yang baru' : ''}`,
  statusNext: (nextRun) => (nextRun === null ? 'tidak terjadwal' : nextRun),
  stateLine: (state, reason, detail, failures) => {
    if (state === 'active') return failures > 0 ? `aktif (${failures} kegagalan terakhir${detail === null ? '' : `: ${detail}`})` : 'aktif';
    const why =
      reason === 'forbidden'
        ? 'saya tidak diizinkan mengirim ke sana. Beri izin Lihat Kanal, Kirim Pesan dan Sematkan Tautan, lalu jalankan `/digest set` lagi'
        : reason === 'not_found'
          ? 'kanal sudah dihapus atau tidak terlihat oleh saya. Jalankan `/digest set` setelah diperbaiki, atau `/digest off`'
          : `${failures} ringkasan berturut-turut gagal. Jalankan \`/digest set\` untuk menyalakannya lagi`;
    return `${state === 'paused' ? '⏸️ dijeda' : '⛔ dinonaktifkan'}: ${why}.${detail === null ? '' : ` (Discord: ${detail})`}`;
  },
  lastRun: (kind, articles, when, error) => {
    switch (kind) {
      case 'delivered':
        return `${when}: ${articles} artikel dikirim`;
      case 'empty':
        return `${when}: tidak ada yang baru`;
      case 'failed':
        return `${when}: gagal${error === null ? '' : ` (${error})`}`;
      case 'cancelled':
        return `${when}: dibatalkan`;
      case 'pending':
        return `${when}: sedang dikirim (${articles} artikel)`;
    }
  },
  nowPosted: (channel, articles, messages) => `✅ ${articles} artikel dikirim ke ${channel} dalam ${messages} pesan.`,
  nowEmpty: (channel) => `Tidak ada yang baru untuk ${channel} sejak ringkasan terakhir, jadi tidak ada yang dikirim.`,
  nowBusy: (channel) => `Ringkasan untuk ${channel} sedang dikirim; coba lagi sebentar lagi.`,
  nowFailed: (channel, state, reason, detail) =>
    `⚠️ Ringkasan untuk ${channel} gagal dikirim: ${detail}.` +
    (state === 'active' ? '' : ` Ringkasan kini ${state === 'paused' ? 'dijeda' : 'dinonaktifkan'}${reason === 'forbidden' ? ' (izin kurang)' : reason === 'not_found' ? ' (kanal tidak ditemukan)' : ''}; lihat \`/digest status\`.`),
  previewHeader: (channel, articles, leftOut, messages) =>
    `👀 Pratinjau untuk ${channel} (tidak dikirim): ${articles} artikel dalam ${messages} pesan` +
    (leftOut > 0 ? `, ${leftOut} lainnya tidak muat` : '') +
    (messages > 1 ? '. Pesan pertama ditampilkan.' : '.'),
  previewEmpty: (channel) => `Tidak ada yang baru untuk ${channel}: ringkasan berikutnya tidak akan mengirim apa pun.`,
  labels: { schedule: 'Jadwal', nextRun: 'Berikutnya', state: 'Status', lastRun: 'Ringkasan terakhir' },
};

/** Indonesian for Discord's `id` locale, English otherwise. */
export function digestTexts(locale: string | null | undefined): DigestTexts {
  return locale?.toLowerCase().startsWith('id') ? id : en;
}

/** A moment in the channel's zone, in the reader's language, with the zone's short name. */
export function formatInZone(at: number, timeZone: string, texts: DigestTexts): string {
  return new Intl.DateTimeFormat(texts.intlLocale, {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  }).format(new Date(at));
}

/** A date only (for digest headers and article bylines). */
export function formatDateInZone(at: number, timeZone: string, texts: DigestTexts, withTime = false): string {
  return new Intl.DateTimeFormat(texts.intlLocale, {
    timeZone,
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    ...(withTime ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' as const } : {}),
  }).format(new Date(at));
}
