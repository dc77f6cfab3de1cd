/**
 * Downloads a file a person sent, as text, within a size limit and a deadline: the shared half of
 * the Slack and Teams `FileReader`s (which decide what address may be contacted, and with which
 * credentials). The body is read as a stream and abandoned as soon as it passes the limit, so a
 * large file costs no more than the limit.
 *
 * Redirects are followed by hand, one hop at a time, and only to addresses the reader allows: a
 * link that points at an allowed host and then redirects elsewhere (this machine, the cloud's
 * metadata address, a private network) is refused before the second request is made.
 */
import { FileReadError, type ReadLimits } from "../bot/files.ts";

export interface DownloadOptions extends ReadLimits {
  headers?: Record<string, string>;
  /**
   * Whether a redirect to `url` may be followed; absent = no redirect is followed. Headers (a
   * token) are only ever sent to the first URL's origin.
   */
  redirectAllowed?: (url: URL) => boolean;
  /** For tests: the fetch to use. */
  fetch?: typeof fetch;
}

export interface Download {
  text: string;
  contentType: string | undefined;
}

/** Fetches `url` and decodes it as UTF-8 (invalid bytes become U+FFFD). Throws `FileReadError`. */
export async function downloadText(url: URL, options: DownloadOptions): Promise<Download> {
  const signal = AbortSignal.timeout(options.timeoutMs);
  const response = await fetchFollowing(url, options, signal);
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    throw new FileReadError("failed", `download of ${url.origin}${url.pathname} answered ${response.status}`);
  }
  const length = Number(response.headers.get("content-length") ?? NaN);
  if (length > options.maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw new FileReadError("too_large", `file of ${length} bytes is over the ${options.maxBytes}-byte limit`);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    if (response.body) {
      const reader = response.body.getReader();
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
        size += chunk.value.byteLength;
        if (size > options.maxBytes) {
          await reader.cancel().catch(() => undefined);
          throw new FileReadError("too_large", `file is over the ${options.maxBytes}-byte limit`);
        }
        chunks.push(chunk.value);
      }
    }
  } catch (error) {
    if (error instanceof FileReadError) throw error;
    throw new FileReadError("failed", `download of ${url.origin}${url.pathname} broke off: ${describe(error)}`, { cause: error });
  }
  return { text: decodeText(Buffer.concat(chunks)), contentType: response.headers.get("content-type") ?? undefined };
}

/** Most redirects followed for one file (SharePoint uses one or two). */
const MAX_REDIRECTS = 5;

/** Fetches `first`, following allowed redirects by hand; a redirect elsewhere is refused unfetched. */
async function fetchFollowing(first: URL, options: DownloadOptions, signal: AbortSignal): Promise<Response> {
  let url = first;
  for (let hop = 0; ; hop += 1) {
    let response: Response;
    try {
      response = await (options.fetch ?? fetch)(url, {
        headers: url.origin === first.origin ? options.headers : undefined,
        redirect: "manual",
        signal,
      });
    } catch (error) {
      throw new FileReadError("failed", `download of ${url.origin}${url.pathname} failed: ${describe(error)}`, { cause: error });
    }
    const location = response.status >= 300 && response.status < 400 ? response.headers.get("location") : null;
    if (location === null) return response;
    await response.body?.cancel().catch(() => undefined);
    let next: URL;
    try {
      next = new URL(location, url);
    } catch {
      throw new FileReadError("failed", `download of ${url.origin}${url.pathname} redirected to an invalid address`);
    }
    if (!options.redirectAllowed?.(next))
      throw new FileReadError(
        "refused",
        `download of ${url.origin}${url.pathname} redirected to ${next.origin}, which is not allowed; not followed`,
      );
    if (hop + 1 > MAX_REDIRECTS) throw new FileReadError("failed", `download of ${first.origin}${first.pathname} redirected too often`);
    url = next;
  }
}

/**
 * UTF-8, or UTF-16 when a byte-order mark says so (Excel's "Unicode Text" files); the mark is
 * dropped. Bytes that are not valid become U+FFFD, which the CSV reader reports by line.
 */
export function decodeText(bytes: Uint8Array): string {
  const encoding = bytes[0] === 0xff && bytes[1] === 0xfe ? "utf-16le" : bytes[0] === 0xfe && bytes[1] === 0xff ? "utf-16be" : "utf-8";
  return new TextDecoder(encoding).decode(bytes);
}

/** Whether a host name or address is this machine (127.0.0.0/8, also IPv4-mapped as ::ffff:127.…, ::1, localhost). */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname
    .replace(/^\[|\]$/g, "")
    .toLowerCase()
    .replace(/^::ffff:(?=\d)/, "");
  return host === "localhost" || host === "::1" || /^127(\.\d{1,3}){3}$/.test(host);
}

function describe(error: unknown): string {
  const err = error as { name?: string; message?: string; cause?: { message?: string } };
  if (err?.name === "TimeoutError" || err?.name === "AbortError") return "timed out";
  return err?.cause?.message ?? err?.message ?? String(error);
}
