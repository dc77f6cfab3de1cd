/**
 * Files sent to the bot. A CSV or text file sent with *register* — or alone in a personal chat —
 * is registered exactly like a pasted list (admins only, the same report) when its content reads
 * as a device list. Any other file sent alone gets a short note of what the bot reads. A message
 * whose text says something else is handled by its text; its files are not opened.
 *
 * A download is a request the bot makes on someone's behalf, so it is made only for people who
 * may register devices, and content that does not read as a device list is never quoted back
 * (whatever a link led to stays unseen): the reply names the file, not what was in it.
 */
import { policy } from "../../authz.ts";
import type { Context } from "../../context.ts";
import { forbidden } from "../../errors.ts";
import type { SharedFile } from "../../events.ts";
import { FileReadError } from "../../files.ts";
import { normalizeCommandText } from "../../router.ts";
import { registerFromText } from "./handlers.ts";
import { readsAsRegistration } from "./input.ts";

/** The largest file read (a 10,000-row CSV is about 400 KB). */
export const MAX_UPLOAD_BYTES = 1024 * 1024;
/** A download slower than this is given up; the person is told to try again or paste. */
export const UPLOAD_TIMEOUT_MS = 10_000;

const TEXT_EXTENSIONS = new Set(["csv", "tsv", "txt"]);
const TEXT_TYPES = /^(text\/(csv|plain|tab-separated-values|x-csv|comma-separated-values)|application\/csv)(;|$)/i;

/**
 * Handles the files of a message when they are what the message is about: the text is empty or
 * only a register verb (`registerWords`). Returns false when the text says something else.
 */
export async function handleFiles(ctx: Context, files: SharedFile[], registerWords: readonly string[]): Promise<boolean> {
  const said = normalizeCommandText(ctx.text);
  const explicit = said !== "" && registerWords.some((word) => normalizeCommandText(word) === said);
  // A file dropped without a word into a shared conversation is for the people there.
  if (!explicit && (said !== "" || ctx.event.conversation.kind !== "personal")) return false;
  const [file] = files;
  if (!file) return false;
  if (files.length > 1) {
    ctx.reply({ text: ctx.t("reg.file.one") });
    return true;
  }
  if (!isTextFile(file)) {
    ctx.log.info({ file: file.name, mimeType: file.mimeType }, "file of a kind the bot does not read");
    ctx.reply({ text: ctx.t("reg.file.accepts") });
    return true;
  }
  // Refused before anything is downloaded, with the answer registration itself gives.
  const { organizationId } = ctx.person;
  if (!organizationId || !policy.canManageOrganization(ctx.person, organizationId)) throw forbidden("portal.adminsOnly");
  const text = await readFile(ctx, file);
  if (text === undefined) return true;
  if (!readsAsRegistration(ctx.services.catalog, text)) {
    ctx.log.info({ file: file.name, explicit }, "file does not read as a device list; its content is not quoted");
    ctx.reply({ text: explicit ? ctx.t("reg.file.notList", { name: file.name }) : ctx.t("reg.file.accepts") });
    return true;
  }
  await registerFromText(ctx, text);
  return true;
}

/** CSV and plain text, by the name's extension or, without one, by the type the platform gives. */
export function isTextFile(file: SharedFile): boolean {
  const dot = file.name.lastIndexOf(".");
  if (dot > 0) return TEXT_EXTENSIONS.has(file.name.slice(dot + 1).toLowerCase());
  return file.mimeType !== undefined && TEXT_TYPES.test(file.mimeType);
}

/** The file's text, or undefined after telling the person why it could not be read. */
async function readFile(ctx: Context, file: SharedFile): Promise<string | undefined> {
  if (file.size !== undefined && file.size > MAX_UPLOAD_BYTES) {
    ctx.reply({ text: ctx.t("reg.file.tooLarge", { name: file.name }) });
    return undefined;
  }
  const reader = ctx.services.files.for(ctx.event.platform);
  if (!reader) {
    ctx.log.warn({ platform: ctx.event.platform }, "a file arrived from a platform without a file reader");
    ctx.reply({ text: ctx.t("reg.file.failed", { name: file.name }) });
    return undefined;
  }
  try {
    const text = await reader.readText(file, { maxBytes: MAX_UPLOAD_BYTES, timeoutMs: UPLOAD_TIMEOUT_MS });
    ctx.log.info({ file: file.name, length: text.length }, "file read");
    // Spreadsheets save CSV with a byte-order mark and Windows line ends; the reader wants neither.
    return text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  } catch (error) {
    if (!(error instanceof FileReadError)) throw error;
    ctx.log.warn({ err: error, file: file.name, code: error.code }, "file could not be read");
    const key = error.code === "too_large" ? "reg.file.tooLarge" : error.code === "refused" ? "reg.file.refused" : "reg.file.failed";
    ctx.reply({ text: ctx.t(key, { name: file.name }) });
    return undefined;
  }
}
