/** A planned story is already in the channel's delivery log (another run took it): the whole run is rolled back. */
export class StoryTaken extends Error {
  override name = 'StoryTaken';

  constructor(
    readonly channelId: string,
    readonly storyId: number,
  ) {
    super(`story ${storyId} is already in the delivery log of ${channelId}`);
  }
}
