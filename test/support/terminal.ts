/** A terminal for driving the shell adapter in tests: type lines, read the screen. */
import { PassThrough } from "node:stream";
import { eventually } from "./app.ts";

/** A terminal session: type lines, read the screen. */
export class Terminal {
  readonly input = new PassThrough();
  readonly output = new PassThrough();
  screen = "";
  constructor() {
    this.output.on("data", (chunk: Buffer) => (this.screen += chunk.toString()));
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
