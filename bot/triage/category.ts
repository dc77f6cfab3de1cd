/**
 * Chooses the problem category from the symptom and topic scores, applying the taxonomy's
 * tie-breaks: the partner confirms it or laptops fail too -> cloud_partner; "after the update"
 * -> firmware_software; an explicit physical cause -> hardware_failure.
 */
import { SAME_ON_OTHER_DEVICES } from "./symptom-lexicon-service.ts";
import { PARTNER_SERVICE, type ProblemEvidence } from "./symptoms.ts";
import { CATEGORIES, type Category, type Partner } from "./types.ts";
import type { Intent } from "../../core/vocabulary.ts";
import { wordUnion } from "./patterns.ts";

/** The chosen category (or null) and how clearly it won. */
export interface CategoryDecision {
  category: Category | null;
  confidence: number;
}

/** The partner's service is said to work: the problem is on the device or the network. */
const PARTNER_FINE = wordUnion([
  /(laptops?|phones?|other devices|pcs?|portatiles|moviles)( \w+){0,4} (are|is|work|works|working|resolve it) ?(fine|ok|normal|bien)?/,
  /(teams|zoom|meet|webex) (works?|is) (fine|ok)/,
  /works fine on (laptops?|the laptop)/,
  /laptops have internet/,
  /(partner|microsoft|zoom|google|webex)('?s)? side (is|looks) fine/,
]);
/** The device side is said to work: the problem is the partner's. */
const DEVICE_FINE = /\b((northwind|device) side (looks|is|seems) (fine|ok)|nothing'?s locked on our side)\b/;
const AFTER_UPDATE = wordUnion([
  /(after|since) (the |our |a |this |last |last night'?s |yesterday'?s |the latest |the last |the recent |the new |the overnight )?(\S+ ){0,4}(firmware|fw|update|upgrade|release|version|patch)/,
  /(after|since) (updating|upgrading|we updated)/,
  /desde (la|el) (ultima |nueva )?(actualizacion|update|version)/,
  /(firmware|fw|version|update|upgrade)( \d+(\.\d+)+)? (broke|has broken|caused|introduced)/,
  /tras (la )?actualiz\w*/,
  /despues de (la )?actualiz\w*/,
  /se actualizo/,
]);
const PHYSICAL_CAUSE = wordUnion([
  /dropped/,
  /fell/,
  /spill\w*/,
  /spilt/,
  /coffee (on|in|over|all over|got|went)/,
  /water/,
  /rained on/,
  /got wet/,
  /liquid/,
  /soaked/,
  /flooded/,
  /cracked/,
  /shattered/,
  /burnt/,
  /burned/,
  /torn/,
  /ripped/,
  /frayed/,
  /chewed/,
  /snapped/,
  /bent/,
  /knocked/,
  /hit/,
  /overheat\w*/,
  /(very|super|too|really) hot/,
  /fan/,
  /ventilador/,
  /clicking/,
  /grinding/,
  /rattl\w*/,
  /whin(e|ing)/,
  /when (i|you|we|someone) (move|touch|wiggle|bend)/,
  /gets (very |really )?hot/,
  /power (cut|surge|outage)/,
  /se (nos |me |le )?cayo(?! (la |el )?(red|conexion|wifi|internet|llamada|reunion|app|aplicacion|sesion|servicio|linea|teams|zoom|meet|webex|sistema))/,
  /se (ha |han )?(quemo|quemaron|quemado)/,
  /(pico|subida) de (tension|corriente)/,
  /mojad\w*/,
  /rot[oa]/,
  /quemad\w*/,
  /golpe/,
  /se calienta/,
  /caliente/,
  /se fue la luz/,
]);
/** The partner confirms the problem: taxonomy tie-break, cloud_partner. */
const PARTNER_CONFIRMS = wordUnion([
  /(microsoft|zoom|google|webex|partner)( support)? (says|said|confirm\w*|told|reports?|has an? (open )?(incident|advisory|outage)|publish\w*|posted)/,
  /status (page|dashboard) (says|shows|reports)/,
  /(major|partial) outage/,
  /known issue/,
  /on their (side|end)/,
  /incidente abierto/,
  /publico (un|una) (incidente|caida)/,
  /confirmo (un|una)/,
  /(microsoft|zoom|google|webex)( soporte)? (dice|dicen|confirma\w*|ha confirmado|reporta|informa|publico)/,
  /(de su|en su|por su) (lado|parte)/,
]);
/** An escalation about a stuck partner ticket is about the partner's service. */
const PARTNER_TICKET_WORDS =
  /\b(partner ticket|(microsoft|zoom|google|webex) (ticket|case|incident)|ticket with (microsoft|zoom|google|webex))\b/;
/** A licence of the partner's platform: taxonomy says cloud_partner, not account_license. */
const PARTNER_LICENSE =
  /\b((teams rooms|zoom rooms?|meet|teams|zoom|webex|m365|microsoft 365|microsoft)( pro)? licen[cs]es?|licencias? de (teams|zoom|microsoft|webex))\b/;
/** The partner's admin tools: a licence or activation limit shown there is the partner's. */
const PARTNER_ADMIN = /\b(control hub|admin cent(er|re)|zoom admin|google admin|admin console|m365|microsoft 365|entra|tenant)\b/;
/** The update itself failed: taxonomy "failed or bad update". */
const FAILED_UPDATE =
  /\b(bricked|(update|upgrade|firmware|flash\w*)( tool| process| app)?[^.]{0,40}\b(failed|crashed|interrupted|lost (the )?connection|halfway|mid-?way)|failed (update|upgrade)|actualizacion (fallida|interrumpida)|fallo la actualizacion|(actualizacion|update|upgrade|firmware)[^.]{0,30}\b(dejo|ha dejado|left|killed|broke)\b)\b/;
/** Someone changed the set-up: the symptom that follows is a configuration problem. */
const CONFIG_CAUSE =
  /\b(someone|somebody|whoever) (changed|set|switched|left|mixed|forgot|paired)|set (way |much |far )?too (high|low|loud|quiet)|(is|are|was) set (to|too) |(since|after) (we|they) (reconfigured|changed the (settings?|config\w*)|moved (it|the \w+) to)|desde que (reconfiguramos|cambiamos la configuracion)|alguien cambio|(cambiaron|han cambiado|changed) (la |el |los |las |the )?(cuenta|configuracion|ajustes?|account|settings?|config\w*)|reconfigur\w*/;
/** Parts named in an onsite request: the visit is for a hardware fix. */
const COMPONENT = wordUnion([
  /board/,
  /mainboard/,
  /motherboard/,
  /placa/,
  /psu/,
  /power supply/,
  /fuente/,
  /camera module/,
  /module/,
  /modulo/,
  /motor/,
  /mic board/,
  /screen/,
  /pantalla/,
  /display/,
  /panel/,
  /fan/,
  /ventilador/,
  /port/,
  /puerto/,
  /lens/,
  /lente/,
  /battery/,
  /bateria/,
  /speaker/,
  /altavoz/,
  /cable/,
  /hinge/,
  /camera/,
  /camara/,
]);

/** Picks the category for a problem-carrying intent; null when no problem is described. */
export function decideCategory(problem: ProblemEvidence, intent: Intent, partner: Partner | null): CategoryDecision {
  const folded = problem.text;
  const scores = {} as Record<Category, number>;
  for (const category of CATEGORIES) scores[category] = problem.symptoms[category] + problem.topics[category] * 0.5;

  if (!partner && !PARTNER_SERVICE.test(folded)) scores.cloud_partner = 0;
  if (PARTNER_FINE.test(folded)) scores.cloud_partner -= 3;
  if (DEVICE_FINE.test(folded) && (partner || PARTNER_SERVICE.test(folded))) scores.cloud_partner += 2;
  if (problem.foreignUpdate && partner) scores.cloud_partner += 1.5;
  if (partner && PARTNER_CONFIRMS.test(folded)) scores.cloud_partner += 2;
  // Taxonomy tie-break: the same failure on laptops or phones puts it in the partner's service,
  // even when the device also shows an error code.
  if (partner && SAME_ON_OTHER_DEVICES.test(folded) && !PARTNER_FINE.test(folded)) scores.cloud_partner += 2;
  // Lost network explains frozen or choppy media: the cause is the category, not its consequence.
  if (problem.symptoms.network > 0 && problem.symptoms.audio_video_quality > 0) scores.network += 1;
  const partnerAdmin = PARTNER_ADMIN.test(folded) && problem.symptoms.account_license > 0;
  // A licence the partner itself says is missing or expired is the partner's (taxonomy §2).
  const partnerSaysLicense = PARTNER_CONFIRMS.test(folded) && problem.symptoms.account_license > 0;
  if (
    partner &&
    (PARTNER_LICENSE.test(folded) || partnerAdmin || partnerSaysLicense) &&
    !/\bnorthwind (licen|seat|subscription)/.test(folded)
  ) {
    scores.cloud_partner += 2;
    scores.account_license = 0;
  }
  if (AFTER_UPDATE.test(folded) && problem.symptoms.firmware_software > 0) scores.firmware_software += 2;
  // A failed or interrupted update is firmware whatever broke it (a lost connection, a crash).
  if (FAILED_UPDATE.test(folded)) scores.firmware_software += 3;
  if (PHYSICAL_CAUSE.test(folded) && problem.symptoms.hardware_failure > 0) scores.hardware_failure += 2;
  if (CONFIG_CAUSE.test(folded) && problem.symptoms.configuration > 0) scores.configuration += 2;

  const ranked = [...CATEGORIES].sort((a, b) => scores[b] - scores[a]);
  const best = ranked[0]!;
  const margin = scores[best] - scores[ranked[1]!];
  const described = problem.strength > 0;

  // A ticket or visit about "our Teams Rooms issue" says nothing about what is wrong: only a
  // symptom or a blocking statement describes the problem.
  if (intent === "partner_ticket")
    return problem.described ? { category: "cloud_partner", confidence: 0.8 } : { category: null, confidence: 0.7 };
  if (intent === "onsite_request") {
    if (problem.symptoms.hardware_failure > 0 || COMPONENT.test(folded)) return { category: "hardware_failure", confidence: 0.75 };
    // Logistics ("Thursday instead of Wednesday") are not a weak configuration symptom.
    return problem.described && scores[best] >= 3 ? { category: best, confidence: 0.5 } : { category: null, confidence: 0.7 };
  }
  if (scores[best] <= 0 && intent === "escalate" && partner && PARTNER_TICKET_WORDS.test(folded))
    return { category: "cloud_partner", confidence: 0.5 };
  if (scores[best] <= 0) {
    // Something is wrong but nothing says what: rooms down on a named platform are usually the
    // platform's; otherwise a dead or down device is the common case.
    if (problem.general > 0) return { category: partner ? "cloud_partner" : "hardware_failure", confidence: 0.35 };
    return { category: null, confidence: intent === "escalate" ? 0.75 : 0.4 };
  }
  if (!described && intent === "escalate") return { category: null, confidence: 0.6 };
  return { category: best, confidence: Math.min(0.95, 0.5 + margin * 0.1) };
}
