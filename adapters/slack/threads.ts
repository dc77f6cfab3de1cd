/**
 * Which channel threads the bot takes part in. In a channel the bot hears every message (scope
 * channels:history) but answers only when spoken to — a mention — or inside a thread it is part
 * of, as the core knows (bot/runtime/threads.ts). Other people's threads are none of its
 * business, as Slack users expect of an app. Threads found are remembered in memory.
 */
import type { ThreadQueries } from "../../bot/runtime/threads.ts";

const MAX_REMEMBERED = 50_000;

export class EngagedThreads {
  private readonly known = new Set<string>();

  constructor(private readonly threads: ThreadQueries) {}

  /** Marks a thread as one the bot is part of (it was mentioned there, or started it). */
  remember(channel: string, threadTs: string): void {
    if (this.known.size >= MAX_REMEMBERED) this.known.clear();
    this.known.add(`${channel}\u0000${threadTs}`);
  }

  async isEngaged(channel: string, threadTs: string): Promise<boolean> {
    if (this.known.has(`${channel}\u0000${threadTs}`)) return true;
    if (!(await this.threads.isEngaged("slack", channel, threadTs))) return false;
    this.remember(channel, threadTs);
    return true;
  }
}
