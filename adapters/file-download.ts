/**
 * Downloads a file a person sent, as text, within a size limit and a deadline: the shared half of
 * the Slack and Teams `FileReader`s (which decide what address may be contacted, and with which
 * credentials). The body is read as a stream and abandoned as soon as it passes the limit, so a
 * large file costs no more than the limit.
 */
import { FileReadError, type ReadLimits } from "../bot/files.ts";

export interface DownloadOptions extends ReadLimits {
  headers?: Record<string, string>;
  /**
   * Whether a redirect may be followed. Off where a token is sent: the token must only ever go to
   * the host that was checked.
   */
  followRedirects: boolean;
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
  let response: Response;
  try {
    response = await (options.fetch ?? fetch)(url, {
      headers: options.headers,
      redirect: options.followRedirects ? "follow" : "manual",
      signal,
    });
  } catch (error) {
    throw new FileReadError("failed", `download of ${url.origin}${url.pathname} failed: ${describe(error)}`, { cause: error });
  }
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
