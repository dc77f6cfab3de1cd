/** What a Spanish reader must never see: English labels, words the bot writes, English dates. */

/**
 * English the bot itself writes (labels, button names, status and impact words, weekday and
 * month abbreviations, a bare "UTC"). Case-sensitive and whole words, so Spanish words that share
 * letters ("mar" for martes) do not count; the customer's own data (site names such as "Lisbon
 * office") is not the bot's to translate and is left out of the list.
 */
export const ENGLISH_BOT_WORDS =
  /\b(Device|Serial|Site|Since|Impact|Rooms affected|Status|Severity|Requested by|Engineer|Opened|Timeline|Customer|Resolution|not assigned yet|can't be used for meetings|degraded, still usable|open|waiting for|resolved|closed|Escalate|View case|Reopen|It works now|Take|first response due|resolution due|the cloud partner|Mon|Tue|Wed|Thu|Fri|Sat|Sun|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|UTC)\b/;

/** The English words the bot wrote in `text`, for a readable failure. */
export function englishIn(text: string): string[] {
  return [...text.matchAll(new RegExp(ENGLISH_BOT_WORDS.source, "g"))].map((match) => match[0]);
}
