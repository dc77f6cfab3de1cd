/**
 * Messages built to make text processing slow — one enormous word, a wall of punctuation, a
 * flood of emoji, a case number with thousands of digits, markup that never closes — sent
 * through the front doors (the terminal and signed Slack requests) in English and Spanish.
 * Every turn must stay within its time budget and be answered.
 *
 * The budget is 50 ms of CPU per turn (process CPU time, so a busy shared machine does not make
 * a turn look slower than it is), times LOADED_MACHINE_FACTOR for the JIT and garbage collector
 * of a test worker that also runs the fake Slack and the HTTP client. Each input is sent at
 * growing sizes, so a super-linear pattern fails at a small size in seconds instead of freezing
 * the worker for hours at the full size (the regex this test was written for took 15 s on 3,000
 * letters and hours on 40,000).
 */
import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ShellAdapter } from "../../adapters/shell/shell-adapter.ts";
import { createTestApp, eventually, type TestApp } from "../support/app.ts";
import { buildOrganization, buildPerson } from "../support/factories.ts";
import { ANA, STRANGER, eventEnvelope, message, sendEvent, startTestbed, type Testbed } from "../adapters/slack/testbed.ts";

const BUDGET_MS = 50;
const LOADED_MACHINE_FACTOR = 2;
const LIMIT_MS = BUDGET_MS * LOADED_MACHINE_FACTOR;
/** Sizes each input is tried at, smallest first; the last one is the input's full size. */
const RAMP = [1_000, 2_000];

interface Pathological {
  name: string;
  /** The text at a given size (in characters of the repeated unit's length or more). */
  make(size: number): string;
  full: number;
}

const repeat = (unit: string, size: number) => unit.repeat(Math.max(1, Math.ceil(size / unit.length)));

const ENGLISH: Pathological[] = [
  { name: "a 40,000-letter word", make: (n) => repeat("a", n), full: 40_000 },
  { name: "a 40,000-letter word with capitals", make: (n) => repeat("Projector", n), full: 40_000 },
  { name: "100 KB of repeated punctuation", make: (n) => repeat("!?.,;:-", n), full: 100_000 },
  { name: "20,000 emoji", make: (n) => repeat("😀", n), full: 40_000 },
  { name: "a 30,000-digit case number", make: (n) => `case CS-${repeat("7", n)}`, full: 30_000 },
  { name: "a case prefix followed by 40,000 spaces", make: (n) => `comment cs${repeat(" ", n)}x`, full: 40_000 },
  { name: "20,000 unclosed mentions", make: (n) => repeat("<@", n), full: 40_000 },
  { name: "unclosed links", make: (n) => repeat("<http:", n), full: 40_000 },
  { name: "open case with a 40,000-letter problem", make: (n) => `open case ${repeat("z", n)}`, full: 40_000 },
  { name: "a question about one endless word", make: (n) => `how do I ${repeat("aB", n)}?`, full: 40_000 },
];

const SPANISH: Pathological[] = [
  { name: "una palabra de 40.000 letras con tildes", make: (n) => repeat("ñá", n), full: 40_000 },
  { name: "100 KB de signos", make: (n) => repeat("¿¡?!", n), full: 100_000 },
  { name: "un número de caso de 30.000 cifras", make: (n) => `caso CS-${repeat("7", n)}`, full: 30_000 },
  { name: "abrir caso con una palabra interminable", make: (n) => `abrir caso ${repeat("é", n)}`, full: 40_000 },
  { name: "una pregunta sin espacios", make: (n) => `¿cómo ${repeat("ñA", n)}?`, full: 40_000 },
];

/** CPU milliseconds (user + system) this process spends while `work` runs. */
async function cpuMs(work: () => Promise<void>): Promise<number> {
  const before = process.cpuUsage();
  await work();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

/**
 * The cheaper of two runs when the first is over the limit: a garbage collection or a JIT pass
 * landing in one turn is noise, a super-linear pattern is over the limit every time.
 */
async function turnCpuMs(turn: () => Promise<void>): Promise<number> {
  const first = await cpuMs(turn);
  return first < LIMIT_MS ? first : Math.min(first, await cpuMs(turn));
}

const sizesOf = (input: Pathological) => [...RAMP.filter((size) => size < input.full), input.full];

describe("pathological messages in the terminal", () => {
  let t: TestApp;
  let shell: ShellAdapter;
  const input = new PassThrough();
  let screen = "";

  beforeAll(async () => {
    t = await createTestApp({ seedDemo: false });
    const organization = await buildOrganization(t.app);
    await buildPerson(t.app, { organization, identities: { shell: "employee" } });
    await buildPerson(t.app, { organization, locale: "es", identities: { shell: "empleada" } });
    const output = new PassThrough();
    output.on("data", (chunk: Buffer) => (screen += chunk.toString()));
    shell = new ShellAdapter({ input, output, handle: async (event) => (await t.app.bot.handle(event)).outboundKeys });
    t.app.dispatcher.register(shell);
    shell.start();
  });
  afterAll(async () => {
    shell.stop();
    await t.close();
  });

  /** Types a line and waits until its replies are on screen (lines are handled in order). */
  const say = async (line: string) => {
    const mark = screen.length;
    input.write(`${line}\n/whoami\n`);
    await eventually(() => expect(screen.slice(mark)).toMatch(/You are \S+\.\n/));
    return screen.slice(mark);
  };

  const cases: [string, Pathological][] = [
    ...ENGLISH.map((p): [string, Pathological] => ["employee", p]),
    ...SPANISH.map((p): [string, Pathological] => ["empleada", p]),
  ];

  it.each(cases.map(([person, pathological]) => ({ person, name: pathological.name, pathological })))(
    "answers $person within the budget: $name",
    async ({ person, pathological }) => {
      await say(`/as ${person}`);
      await say("cancel");
      for (const size of sizesOf(pathological)) {
        let shown = "";
        const used = await turnCpuMs(async () => {
          shown = await say(pathological.make(size));
        });
        expect(used, `${pathological.name} at ${size} characters took ${used.toFixed(0)} ms of CPU`).toBeLessThan(LIMIT_MS);
        // Answered: something besides the marker line came back.
        expect(shown.replace(/You are \S+\.\n/, "").trim()).not.toBe("");
      }
    },
  );
});

describe("pathological messages over Slack", () => {
  let bed: Testbed;
  beforeAll(async () => {
    bed = await startTestbed();
  });
  afterAll(() => bed.close());

  let channelCounter = 0;
  const cases: [string, Pathological][] = [
    ...ENGLISH.map((p): [string, Pathological] => [ANA, p]),
    // Someone the bot does not know, writing Spanish: unknown people are answered too.
    ...SPANISH.map((p): [string, Pathological] => [STRANGER, p]),
  ];

  it.each(cases.map(([user, pathological]) => ({ user, name: pathological.name, pathological })))(
    "answers $user within the budget: $name",
    async ({ user, pathological }) => {
      for (const size of sizesOf(pathological)) {
        const used = await turnCpuMs(async () => {
          const channel = `D0PATH${(channelCounter += 1)}`;
          const response = await sendEvent(bed.url, eventEnvelope(message(user, pathological.make(size), { channel, channel_type: "im" })));
          expect(response.status).toBe(200);
          await eventually(() => expect(bed.slack.messagesIn(channel).length).toBeGreaterThan(0));
        });
        expect(used, `${pathological.name} at ${size} characters took ${used.toFixed(0)} ms of CPU`).toBeLessThan(LIMIT_MS);
      }
    },
  );
});
