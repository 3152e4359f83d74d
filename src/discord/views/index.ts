export { clip, fitEmbeds, embedLength, escapeMarkdown, Limits, listWithin, messageLength, packPages, plain, webUrl } from './limits.js';
export { Colors, notice, toPayload, type View } from './message.js';
export { bylineOf, summaryView, type SummaryViewInput } from './summary.js';
export {
  ambiguousSpeakerView,
  paginateQuotes,
  quotesView,
  speakerChoiceName,
  unknownSpeakerView,
  type QuoteItem,
  type QuotesViewInput,
  type SpeakerSummary,
} from './quotes.js';
export { searchView } from './search.js';
export { reloadView } from './reload.js';
export { helpView, inLang, type CommandData } from './help.js';
export { finishedCommandReply, nextRunText, nowReply, offReply, outageReply, outageText, previewReply, setError, setReply, statusReply, turnedOffReply } from './digest.js';
