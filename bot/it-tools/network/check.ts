/**
 * The network check: can the endpoints a device needs be reached — name resolution, a TCP
 * connection, a TLS handshake (and whether the certificate is trusted: TLS inspection by a
 * proxy is the classic reason room devices fail), and the connect latency. Endpoints come from a
 * configured list (NETWORK_CHECK_FILE); an endpoint may apply to some product families only.
 */
import { promises as dns } from "node:dns";
import { isIP, Socket } from "node:net";
import tls from "node:tls";
import { z } from "zod";

/** One endpoint of the list. */
export const endpointSchema = z
  .object({
    name: z.string().min(1),
    host: z.string().min(1),
    port: z.number().int().min(1).max(65_535),
    tls: z.boolean().default(false),
    /** Product families that need it; absent = every device. */
    families: z.array(z.string()).optional(),
    /** A PEM file of the private CA that signs an on-premises endpoint (trusted in addition to the system's). */
    caFile: z.string().optional(),
  })
  .strict();
export type Endpoint = z.infer<typeof endpointSchema> & { ca?: string };

/** The file NETWORK_CHECK_FILE names. */
export const endpointListSchema = z.object({ endpoints: z.array(endpointSchema).min(1).max(50) }).strict();

export interface StepResult {
  ok: boolean;
  ms: number;
  /** Why it failed, in the system's words (ENOTFOUND, ECONNREFUSED, timeout, certificate error). */
  error?: string;
}

export interface ProbeResult {
  endpoint: Endpoint;
  dns: (StepResult & { address?: string }) | null;
  tcp: StepResult | null;
  tls: (StepResult & { trusted?: boolean; protocol?: string }) | null;
  ok: boolean;
}

/** Runs the checks of every endpoint (in parallel, each step bounded by `timeoutMs`). */
export async function checkEndpoints(endpoints: readonly Endpoint[], timeoutMs = 3_000): Promise<ProbeResult[]> {
  return Promise.all(endpoints.map((endpoint) => probe(endpoint, timeoutMs)));
}

async function probe(endpoint: Endpoint, timeoutMs: number): Promise<ProbeResult> {
  const result: ProbeResult = { endpoint, dns: null, tcp: null, tls: null, ok: false };
  let address = endpoint.host;
  if (!isIP(endpoint.host)) {
    result.dns = await timed(timeoutMs, async () => (await dns.lookup(endpoint.host)).address);
    if (!result.dns.ok) return result;
    address = result.dns.address!;
  }
  result.tcp = await timed(timeoutMs, () => connect(address, endpoint.port, timeoutMs));
  if (!result.tcp.ok) return result;
  if (endpoint.tls) {
    result.tls = await handshake(endpoint, address, timeoutMs);
    result.ok = result.tls.ok && result.tls.trusted === true;
  } else result.ok = true;
  return result;
}

async function timed<T>(timeoutMs: number, step: () => Promise<T>): Promise<StepResult & { address?: string }> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    const value = await Promise.race([
      step(),
      new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer in ${timeoutMs} ms`)), timeoutMs))),
    ]);
    return { ok: true, ms: Math.round(performance.now() - started), ...(typeof value === "string" ? { address: value } : {}) };
  } catch (error) {
    return {
      ok: false,
      ms: Math.round(performance.now() - started),
      error: (error as NodeJS.ErrnoException).code ?? (error as Error).message,
    };
  } finally {
    clearTimeout(timer);
  }
}

function connect(host: string, port: number, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = new Socket();
    socket.setTimeout(timeoutMs, () => socket.destroy(new Error(`no answer in ${timeoutMs} ms`)));
    socket.once("error", reject);
    socket.connect(port, host, () => {
      socket.destroy();
      resolve();
    });
  });
}

/**
 * Completes a handshake without trusting it blindly: the certificate is checked and reported
 * (trusted or why not) rather than failing the connection, so "reachable but intercepted" is
 * told apart from "unreachable". Nothing is sent after the handshake.
 */
function handshake(endpoint: Endpoint, address: string, timeoutMs: number): Promise<StepResult & { trusted?: boolean; protocol?: string }> {
  const started = performance.now();
  return new Promise((resolve) => {
    const socket = tls.connect({
      host: address,
      port: endpoint.port,
      servername: isIP(endpoint.host) ? undefined : endpoint.host,
      rejectUnauthorized: false,
      timeout: timeoutMs,
      ...(endpoint.ca ? { ca: [...tls.rootCertificates, endpoint.ca] } : {}),
    });
    const done = (result: StepResult & { trusted?: boolean; protocol?: string }) => {
      socket.destroy();
      resolve({ ...result, ms: Math.round(performance.now() - started) });
    };
    socket.once("secureConnect", () => {
      const hostError = socket.authorized ? tls.checkServerIdentity(endpoint.host, socket.getPeerCertificate()) : undefined;
      const trusted = socket.authorized && !hostError;
      const error = trusted ? undefined : String(hostError?.message ?? socket.authorizationError ?? "certificate not trusted");
      done({ ok: true, ms: 0, trusted, protocol: socket.getProtocol() ?? undefined, ...(error ? { error } : {}) });
    });
    socket.once("timeout", () => done({ ok: false, ms: 0, error: `no handshake in ${timeoutMs} ms` }));
    socket.once("error", (error: NodeJS.ErrnoException) => done({ ok: false, ms: 0, error: error.code ?? error.message }));
  });
}
