// A lab's private channel, lab-<id>: an ordinary channel, except that the server itself publishes on
// it. Once per TICK_MS it ticks while the lab is in use, unless a publisher (the race) owns it for a
// while; the server's own appends skip the publish rate limit, since nobody outside asked for them.
import type { Deps } from '../context.ts';
import type { AppendResult } from '../log/types.ts';
import { labChannel } from '../../protocol/lab.ts';

/** A publisher that owns the lab's channel for a while (the race): the tick stays quiet meanwhile. */
export interface LabPublisher {
  /** True while the tick must not publish on the lab's channel. */
  readonly quietsTicker: boolean;
  stop(): void;
}

export class LabChannel {
  /** The channel's name, `lab-<id>`. */
  readonly name: string;
  /** Publishes on this lab's channel in place of the tick while set (api/lab/race.ts). */
  publisher: LabPublisher | null = null;
  private ticks = 0;

  constructor(labId: string) {
    this.name = labChannel(labId);
  }

  nextTick(): number {
    return ++this.ticks;
  }

  /** Stops the publisher, if any, and lets the tick have the channel back. */
  stopPublisher(): void {
    this.publisher?.stop();
    this.publisher = null;
  }
}

/** What the server's own appends need. */
export type ChannelServices = Pick<Deps, 'store' | 'metrics'>;

/** Appends to a lab's private channel as the server (no publish rate limit: nobody outside asked). */
export async function appendToLab(
  services: ChannelServices,
  channel: LabChannel,
  data: unknown,
): Promise<AppendResult> {
  const result = await services.store.append(channel.name, data);
  services.metrics.published.inc({ via: 'lab' });
  return result;
}

/** One tick on the private channel of every lab in use: each learner's demo has a stream of its own. */
export async function tickLabs(
  services: ChannelServices,
  labs: readonly { readonly channel: LabChannel }[],
): Promise<void> {
  try {
    for (const { channel } of labs) {
      if (channel.publisher?.quietsTicker) continue;
      await appendToLab(services, channel, {
        tick: channel.nextTick(),
        note: 'your private channel ticks once per TICK_MS',
      });
    }
  } catch (err) {
    // A store that failed for a moment must not take the server down; the next tick tries again.
    console.error('lab ticker: append failed:', err);
  }
}
