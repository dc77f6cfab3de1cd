/**
 * Files people send the bot on Teams. In a personal chat (the manifest's `supportsFiles`) Teams
 * attaches a `file.download.info` card whose `downloadUrl` is pre-authenticated; the Bot Framework
 * Emulator attaches the file itself (`contentType` text/csv, `contentUrl`). Both become the core's
 * `SharedFile`s; the reader fetches them without any credential, over https only — or from this
 * machine when authentication is off (the Emulator serves attachments on localhost).
 */
import type { Activity, Attachment } from "botbuilder";
import { MAX_FILES_PER_MESSAGE, sharedFileSchema, type SharedFile } from "../../bot/events.ts";
import { FileReadError, type FileReader, type ReadLimits } from "../../bot/files.ts";
import { downloadText, isLoopbackHost } from "../file-download.ts";

export const FILE_DOWNLOAD_INFO = "application/vnd.microsoft.teams.file.download.info";

/** Attachments that are the message itself or a card, not a file. */
const NOT_FILES = /^(text\/html$|application\/vnd\.microsoft\.(card\.|teams\.card\.))/i;

/** Content types of Teams' `fileType` (an extension), for the core's text check. */
const TYPES: Record<string, string> = { csv: "text/csv", tsv: "text/tab-separated-values", txt: "text/plain" };

/** The files attached to an activity, in the core's terms; attachments without a URL are left out. */
export function filesOf(activity: Partial<Activity>): SharedFile[] {
  const out: SharedFile[] = [];
  for (const attachment of (activity.attachments ?? []).slice(0, MAX_FILES_PER_MESSAGE)) {
    const file = toSharedFile(attachment);
    if (file) out.push(file);
  }
  return out;
}

function toSharedFile(attachment: Attachment): SharedFile | undefined {
  const contentType = attachment.contentType ?? "";
  let candidate: Record<string, unknown>;
  if (contentType === FILE_DOWNLOAD_INFO) {
    const content = (attachment.content ?? {}) as { downloadUrl?: unknown; fileType?: unknown };
    const fileType = typeof content.fileType === "string" ? content.fileType.toLowerCase() : undefined;
    candidate = {
      name: attachment.name || `file${fileType ? `.${fileType}` : ""}`,
      mimeType: fileType ? TYPES[fileType] : undefined,
      url: content.downloadUrl,
    };
  } else if (attachment.contentUrl && contentType && !NOT_FILES.test(contentType)) {
    candidate = { name: attachment.name || "file", mimeType: contentType, url: attachment.contentUrl };
  } else return undefined;
  if (typeof candidate.name === "string") candidate.name = candidate.name.slice(0, 255);
  if (candidate.mimeType === undefined) delete candidate.mimeType;
  const parsed = sharedFileSchema.safeParse(candidate);
  return parsed.success ? parsed.data : undefined;
}

/** Downloads Teams files from their pre-authenticated links; never sends a credential. */
export class TeamsFileReader implements FileReader {
  readonly platform = "teams" as const;

  constructor(private readonly authEnabled: boolean) {}

  async readText(file: SharedFile, limits: ReadLimits): Promise<string> {
    const url = new URL(file.url);
    const local = url.protocol === "http:" && !this.authEnabled && isLoopbackHost(url.hostname);
    if (url.protocol !== "https:" && !local)
      throw new FileReadError(
        "refused",
        `file URL ${url.protocol}//${url.host} is neither https nor, with authentication off, this machine`,
      );
    return (await downloadText(url, { ...limits, followRedirects: url.protocol === "https:" })).text;
  }
}
