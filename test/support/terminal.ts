/**
 * The shell adapter driven as a person at a terminal: type a line, read what the screen shows
 * for it. Each line is followed by `/whoami`, whose answer marks the end of the line's replies
 * (the shell handles lines in order), as test/bot/pathological-input.test.ts does.
 */
import { PassThrough } from "node:stream";
import { expect } from "vitest";
import { ShellAdapter } from "../../adapters/shell/shell-adapter.ts";
import { eventually, type TestApp } from "./app.ts";

export class Terminal {
  private readonly input = new PassThrough();
  private readonly output = new PassThrough();
  private readonly shell: ShellAdapter;
  screen = "";

  constructor(t: TestApp, person = "employee") {
    this.output.on("data", (chunk: Buffer) => (this.screen += chunk.toString()));
    this.shell = new ShellAdapter({
      input: this.input,
      output: this.output,
      person,
      handle: async (event) => (await t.app.bot.handle(event)).outboundKeys,
    });
    t.app.dispatcher.register(this.shell);
    this.shell.start();
  }

  /** Types a line and returns what appeared on screen in answer to it. */
  async say(line: string): Promise<string> {
    const mark = this.screen.length;
    this.input.write(`${line}\n/whoami\n`);
    await eventually(() => expect(this.screen.slice(mark)).toMatch(/You are \S+\.\n/));
    return this.screen.slice(mark).replace(/You are \S+\.\n[\s\S]*$/, "");
  }

  /** Continues as another demo person. */
  async as(person: string): Promise<void> {
    await this.say(`/as ${person}`);
  }

  stop(): void {
    this.shell.stop();
  }
}

/** A bare terminal for a shell adapter a test builds itself: type lines, wait for text on screen. */
export class ScreenTerminal {
  readonly input = new PassThrough();
  readonly output = new PassThrough();
  screen = "";
  private shell: ShellAdapter | undefined;
  constructor() {
    this.output.on("data", (chunk: Buffer) => (this.screen += chunk.toString()));
  }

  /** A terminal on a shell adapter of the app, started and receiving what the app sends. */
  static attach(t: TestApp): ScreenTerminal {
    const term = new ScreenTerminal();
    term.shell = new ShellAdapter({
      input: term.input,
      output: term.output,
      handle: async (event) => (await t.app.bot.handle(event)).outboundKeys,
    });
    t.app.dispatcher.register(term.shell);
    term.shell.start();
    return term;
  }

  stop(): void {
    this.shell?.stop();
  }
  type(line: string): void {
    this.input.write(`${line}\n`);
  }
  /** Waits for text to appear on screen after the given mark. */
  async sees(text: string | RegExp, from = 0): Promise<string> {
    return eventually(() => {
      const tail = this.screen.slice(from);
      if (typeof text === "string" ? !tail.includes(text) : !text.test(tail)) throw new Error(`not on screen yet: ${text}\n---\n${tail}`);
      return tail;
    });
  }
}
