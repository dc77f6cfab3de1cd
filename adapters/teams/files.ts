/**
 * Files people send the bot on Teams. In a personal chat (the manifest's `supportsFiles`) Teams
 * attaches a `file.download.info` card whose `downloadUrl` is pre-authenticated; the Bot Framework
 * Emulator attaches the file itself (`contentType` text/csv, `contentUrl`). Both become the core's
 * `SharedFile`s; the reader fetches them without any credential, over https from Microsoft's file
 * hosts only (SharePoint and OneDrive, where Teams keeps chat files) — or from this machine when
 * authentication is off (the Emulator serves attachments on localhost). A redirect is followed
 * only to another such address (on this machine: the same origin), so a link cannot lead the bot
 * to a service of this machine or its network.
 */
import type { Activity, Attachment } from "botbuilder";
import { MAX_FILES_PER_MESSAGE, sharedFileSchema, type SharedFile } from "../../bot/events.ts";
import { FileReadError, type FileReader, type ReadLimits } from "../../bot/files.ts";
import { downloadText, isLoopbackHost } from "../file-download.ts";

export const FILE_DOWNLOAD_INFO = "application/vnd.microsoft.teams.file.download.info";

/** Attachments that are the message itself or a card, not a file. */
const NOT_FILES = /^(text\/html$|application\/vnd\.microsoft\.(card\.|teams\.card\.))/i;

/**
 * Where Teams keeps files sent in chats: SharePoint and OneDrive, in the public and the national
 * clouds. A download link, and each redirect it takes, must be https on one of these.
 */
export const TEAMS_FILE_HOST_SUFFIXES = [
  ".sharepoint.com",
  ".sharepoint-df.com",
  ".sharepoint.us",
  ".sharepoint-mil.us",
  ".sharepoint.de",
  ".sharepoint.cn",
  ".svc.ms",
  ".1drv.com",
  ".onedrive.com",
  ".microsoftpersonalcontent.com",
];

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

  constructor(
    private readonly authEnabled: boolean,
    /** For tests: the fetch to download with (e.g. one standing in for TLS on loopback). */
    private readonly download?: typeof globalThis.fetch,
  ) {}

  async readText(file: SharedFile, limits: ReadLimits): Promise<string> {
    const url = new URL(file.url);
    const local = this.isLocal(url);
    if (!local && !isTeamsFileHost(url))
      throw new FileReadError(
        "refused",
        `file URL ${url.protocol}//${url.host} is neither on Microsoft's file hosts (https) nor, with authentication off, this machine`,
      );
    // From this machine (the Emulator), a redirect stays on the same origin; otherwise on the file hosts.
    const redirectAllowed = (next: URL) => (local ? next.origin === url.origin : isTeamsFileHost(next));
    return (await downloadText(url, { ...limits, redirectAllowed, fetch: this.download })).text;
  }

  private isLocal(url: URL): boolean {
    return !this.authEnabled && (url.protocol === "http:" || url.protocol === "https:") && isLoopbackHost(url.hostname);
  }
}

/** An https URL on one of Microsoft's file hosts (default port). */
export function isTeamsFileHost(url: URL): boolean {
  const host = url.hostname.toLowerCase();
  return url.protocol === "https:" && url.port === "" && TEAMS_FILE_HOST_SUFFIXES.some((suffix) => host.endsWith(suffix));
}
