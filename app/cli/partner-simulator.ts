/**
 * `npm run partner:simulator [-- --partner microsoft --port 4010 --bridge http://127.0.0.1:3978 --prefix MS --auto]`:
 * a partner's ticket system on loopback for the shell demo. It prints what Switchboard sends
 * (tickets, mirrored comments, status changes, call requests) and takes commands to act as the
 * partner's engineers. PARTNER_WEBHOOK_SECRET comes from the environment or `.env`, as for
 * Switchboard itself. Point Switchboard at it once, as the manager in the shell:
 *   partner connect microsoft webhook http://127.0.0.1:4010
 */
import readline from "node:readline";
import { partnerSecretName } from "../config.ts";
import { loadEnv } from "../env.ts";
import { PartnerSimulator } from "../../adapters/partners/simulator.ts";

const HELP = `commands (<ticket> may be "." for the latest ticket):
  tickets                                  the tickets and what Switchboard sent to them
  comment <ticket> <text>                  a partner engineer writes on the ticket
  edit <ticket> <comment id> <text>        edits a comment; delete <ticket> <comment id> removes it
  status <ticket> <open|in_progress|waiting_vendor|resolved|closed|refused> [note]
  call <ticket> <ISO time> [join URL]      schedules the joint call Switchboard asked for
  down | up                                the ticket system stops / starts answering (503)
  refuse <reason> | accept                 new tickets are refused (422) / accepted
  quit`;

const PREFIXES: Record<string, string> = { microsoft: "MS", zoom: "ZM", google: "GO", webex: "WX" };

function option(argv: string[], name: string, fallback: string): string {
  const index = argv.indexOf(`--${name}`);
  return index >= 0 && argv[index + 1] ? argv[index + 1]! : fallback;
}

async function main(argv: string[]): Promise<void> {
  const env = loadEnv();
  const partner = option(argv, "partner", "microsoft");
  // The partner's own secret when Switchboard has one for it, as Switchboard picks it.
  const secret = env[partnerSecretName(partner)] || env.PARTNER_WEBHOOK_SECRET;
  if (!secret) {
    console.error(
      `Neither ${partnerSecretName(partner)} nor PARTNER_WEBHOOK_SECRET is set: set the same secret for Switchboard and the simulator (environment or .env).`,
    );
    process.exit(2);
  }
  const port = Number(option(argv, "port", "4010"));
  const bridgeUrl = option(argv, "bridge", `http://127.0.0.1:${env.PORT ?? "3978"}`).replace(/\/+$/, "");
  const print = (line: string) => process.stdout.write(`${line}\n`);
  const simulator = new PartnerSimulator({
    partner,
    secret,
    bridgeUrl,
    ticketPrefix: option(argv, "prefix", `${PREFIXES[partner] ?? partner.slice(0, 2).toUpperCase()}-`),
    auto: argv.includes("--auto"),
    onActivity: print,
  });
  const url = await simulator.start(port);
  print(`Partner simulator for "${partner}" on ${url}; events go to ${bridgeUrl}/webhooks/partners/${partner}`);
  print(`In Switchboard, as the manager: partner connect ${partner} webhook ${url}\n${HELP}`);

  const rl = readline.createInterface({ input: process.stdin, terminal: false });
  const ticketOf = (word: string | undefined) => (word === "." ? simulator.latest()?.id : word) ?? "";
  rl.on("line", (raw) => {
    const [command, first, ...rest] = raw.trim().split(/\s+/);
    const ticket = ticketOf(first);
    const report = (promise: Promise<{ status: number; json: Record<string, unknown> }>) =>
      promise.then(
        (result) => result.status >= 300 && print(`  Switchboard answered ${result.status}: ${JSON.stringify(result.json)}`),
        (error: Error) => print(`  could not reach Switchboard: ${error.message}`),
      );
    switch (command) {
      case undefined:
      case "":
        return;
      case "tickets":
        for (const t of simulator.tickets.values()) {
          print(`${t.id} · ${t.caseRef} · ${t.organization} · ${t.status} · ${t.title}`);
          for (const c of t.comments) print(`   ${c.id} ${c.author} (${c.side})${c.deleted ? " [deleted]" : ""}: ${c.body}`);
          for (const u of t.updates) print(`   Switchboard: case ${u.caseStatus} (${u.status})${u.note ? ` — ${u.note}` : ""}`);
        }
        return;
      case "comment":
        return void report(simulator.comment(ticket, rest.join(" ")));
      case "edit":
        return void report(simulator.editComment(ticket, rest[0] ?? "", rest.slice(1).join(" ")));
      case "delete":
        return void report(simulator.deleteComment(ticket, rest[0] ?? ""));
      case "status":
        return void report(simulator.setStatus(ticket, rest[0] ?? "", rest.slice(1).join(" ") || undefined, simulator.engineer));
      case "call":
        return void report(simulator.scheduleCall(ticket, rest[0] ?? new Date(Date.now() + 3_600_000).toISOString(), rest[1]));
      case "down":
      case "up":
        simulator.down = command === "down";
        return print(`ticket system ${command}`);
      case "refuse":
        simulator.refuseTickets = [first, ...rest].join(" ") || "no support agreement found for this customer";
        return print(`new tickets are refused: ${simulator.refuseTickets}`);
      case "accept":
        simulator.refuseTickets = undefined;
        return print("new tickets are accepted");
      case "quit":
      case "exit":
        return void simulator.stop().then(() => process.exit(0));
      default:
        print(HELP);
    }
  });
  // Without a console (input from a file or a pipe that ends) it keeps serving until Ctrl-C.
  rl.on("close", () => print("console closed; serving until Ctrl-C"));
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error("The partner simulator could not start:", error);
  process.exit(1);
});
