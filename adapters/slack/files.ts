/**
 * Files people share with the bot on Slack: `files[]` of a message event → the core's
 * `SharedFile`s, and the reader that downloads one with the bot token (`files:read` scope).
 * The token is only ever sent to Slack's file host or to the configured Web API's origin
 * (SLACK_API_URL, a loopback fake in tests): a file URL anywhere else is refused unread.
 */
import { z } from "zod";
import { MAX_FILES_PER_MESSAGE, sharedFileSchema, type SharedFile } from "../../bot/events.ts";
import { FileReadError, type FileReader, type ReadLimits } from "../../bot/files.ts";
import { downloadText } from "../file-download.ts";

/** Slack's file host; `url_private_download` points here. */
export const SLACK_FILES_ORIGIN = "https://files.slack.com";

/** The fields of a Slack file object we read; all optional (hidden or deleted files lack URLs). */
export const slackFileSchema = z
  .object({
    id: z.string().optional(),
    name: z.string().nullish(),
    title: z.string().nullish(),
    mimetype: z.string().optional(),
    size: z.number().optional(),
    url_private_download: z.string().optional(),
    url_private: z.string().optional(),
  })
  .passthrough();
export type SlackFile = z.infer<typeof slackFileSchema>;

/** The message's files the core can ask for; `skipped` counts those without a usable URL. */
export function sharedFiles(files: SlackFile[] | undefined): { files: SharedFile[]; skipped: number } {
  const out: SharedFile[] = [];
  let skipped = 0;
  for (const file of (files ?? []).slice(0, MAX_FILES_PER_MESSAGE)) {
    const parsed = sharedFileSchema.safeParse({
      name: (file.name || file.title || file.id || "file").slice(0, 255),
      ...(file.mimetype ? { mimeType: file.mimetype.slice(0, 255) } : {}),
      ...(typeof file.size === "number" && Number.isInteger(file.size) && file.size >= 0 ? { size: file.size } : {}),
      url: file.url_private_download ?? file.url_private,
    });
    if (parsed.success) out.push(parsed.data);
    else skipped += 1;
  }
  return { files: out, skipped };
}

/** Downloads Slack files with the bot token, from Slack's own hosts only. */
export class SlackFileReader implements FileReader {
  readonly platform = "slack" as const;
  private readonly origins: Set<string>;

  constructor(
    private readonly botToken: string,
    apiUrl: string,
  ) {
    this.origins = new Set([SLACK_FILES_ORIGIN, new URL(apiUrl).origin]);
  }

  async readText(file: SharedFile, limits: ReadLimits): Promise<string> {
    const url = new URL(file.url);
    if (!this.origins.has(url.origin))
      throw new FileReadError("refused", `file URL on ${url.origin}, not on Slack's file host; not fetched (the bot token stays home)`);
    const { text, contentType } = await downloadText(url, {
      ...limits,
      // No redirect is followed (none is allowed): the token must only ever go to the host checked above.
      headers: { authorization: `Bearer ${this.botToken}` },
    });
    // Without the files:read scope Slack answers the download with its sign-in page, not an error.
    if (contentType?.startsWith("text/html"))
      throw new FileReadError("failed", "Slack sent a web page instead of the file: add the files:read bot scope and reinstall the app");
    return text;
  }
}
