/**
 * Links from outside (a partner's ticket URL, a call's join link, an attachment) and links on
 * buttons. Only `https:` is taken from outside; a renderer shows a link button only for `https:`
 * or `http:`, so a `javascript:` or `data:` URL never becomes something a person can click.
 */
import { z } from "zod";

/** Whether `url` is an absolute `https:` URL (what partners and customers may send). */
export function isHttpsLink(url: string): boolean {
  try {
    return new URL(url).protocol === "https:";
  } catch {
    return false;
  }
}

/** Whether a renderer may turn `url` into a clickable link. */
export function isClickableLink(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === "https:" || protocol === "http:";
  } catch {
    return false;
  }
}

/** A payload field holding a link from outside: an absolute `https:` URL. */
export const httpsUrl = (max = 2048) => z.string().max(max).url("must be a URL").refine(isHttpsLink, { message: "must be an https: link" });
