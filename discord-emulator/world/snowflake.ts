import type { Clock } from '../../src/clock.js';

const DISCORD_EPOCH = 1420070400000n;

export class SnowflakeGenerator {
  private last = 0n;

  constructor(private readonly clock: Clock) {}

  next(): string {
    const timestamp = BigInt(Math.floor(this.clock.now())) - DISCORD_EPOCH;
    let id = (timestamp << 22n) | (1n << 17n);
    if (id <= this.last) id = this.last + 1n;
    this.last = id;
    return id.toString();
  }
}
