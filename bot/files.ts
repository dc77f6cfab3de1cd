/**
 * Reading files people attach to messages. The core never downloads on its own: each chat adapter
 * registers a `FileReader` for its platform (Slack with the bot token, Teams from the pre-signed
 * link), the way it registers its deliverer with the outbox; the core asks for a file's text
 * through `FileReaders`.
 */
import type { SharedFile } from "./events.ts";
import type { Platform } from "../core/vocabulary.ts";

/** Limits of one read. */
export interface ReadLimits {
  /** Larger files are refused (`FileReadError` "too_large") without reading them whole. */
  maxBytes: number;
  /** The whole download, from request to last byte. */
  timeoutMs: number;
}

/** One platform's way to fetch a file a person sent. */
export interface FileReader {
  readonly platform: Platform;
  /** The file's content as UTF-8 text (invalid bytes become U+FFFD). Throws `FileReadError`. */
  readText(file: SharedFile, limits: ReadLimits): Promise<string>;
}

/**
 * Why a file could not be read: over the size limit, at an address the reader will not contact
 * (a token must never leave for a foreign host), or the download failed or timed out.
 */
export class FileReadError extends Error {
  override readonly name = "FileReadError";
  constructor(
    readonly code: "too_large" | "refused" | "failed",
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The readers of the mounted platforms. */
export class FileReaders {
  private readonly readers = new Map<Platform, FileReader>();

  register(reader: FileReader): void {
    this.readers.set(reader.platform, reader);
  }

  /** The reader of a platform; undefined where files cannot be read (the shell, webhooks). */
  for(platform: Platform): FileReader | undefined {
    return this.readers.get(platform);
  }
}
