import { MessageFlags, type ButtonInteraction, type RepliableInteraction } from 'discord.js';
import { toPayload, type View } from './views/index.js';

export interface AnswerOptions {
  /** Only the asker sees it; after a public "thinking…" that message is removed and a private follow-up sent instead. */
  readonly ephemeral?: boolean;
}

/** Sends a view as the interaction's answer, whatever state it is in: reply, edit of a deferred reply, or follow-up. */
export async function answer(interaction: RepliableInteraction, view: View, options: AnswerOptions = {}): Promise<void> {
  const payload = toPayload(view);
  const ephemeral = options.ephemeral === true;
  const flags = ephemeral ? MessageFlags.Ephemeral : undefined;
  if (interaction.deferred && !interaction.replied) {
    if (ephemeral && interaction.ephemeral !== true) {
      // A follow-up would take the public "thinking…" message's place; once that is gone it can be private.
      await interaction.deleteReply().catch(() => undefined);
      await interaction.followUp({ ...payload, flags: MessageFlags.Ephemeral });
      return;
    }
    await interaction.editReply(payload);
    return;
  }
  if (interaction.replied) {
    await interaction.followUp({ ...payload, ...(flags === undefined ? {} : { flags }) });
    return;
  }
  await interaction.reply({ ...payload, ...(flags === undefined ? {} : { flags }) });
}

/** Shows the "thinking…" state before work that may take longer than about a second. */
export async function defer(interaction: RepliableInteraction, options: AnswerOptions = {}): Promise<void> {
  if (interaction.deferred || interaction.replied) return;
  await interaction.deferReply(options.ephemeral === true ? { flags: MessageFlags.Ephemeral } : {});
}

/** Replaces the message a button sits on (a page turn). */
export async function update(interaction: ButtonInteraction, view: View): Promise<void> {
  const payload = toPayload(view);
  if (interaction.deferred || interaction.replied) await interaction.editReply(payload);
  else await interaction.update(payload);
}
