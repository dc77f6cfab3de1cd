/**
 * Problem evidence per category. "Symptoms" say something is wrong now (they decide whether a
 * problem is reported at all); "topics" only say which area a message is about (they help pick
 * the category when the symptom is generic). Folded text, English and Spanish.
 */
import type { Category } from "./types.ts";
import { wordUnion } from "./patterns.ts";
import { SYMPTOMS, type Weighted } from "./symptom-lexicon.ts";

/** The device or room cannot be used, whatever the cause: counts as a problem, names no category. */
const BLOCKING = wordUnion([
  /no (me |nos |le |te )?deja\w* (pasar|usar|entrar|hacer|iniciar|unir\w*)/,
  /no se puede \w+ nada/,
  /no hay manera/,
  /imposible (usar|conectar|reunirse|entrar)/,
  /won'?t let (anyone|us|me|people|you)/,
  /doesn'?t let (anyone|us|me|people)/,
  /no deja (a nadie|hacer|usar|entrar|iniciar)/,
  /stuck (at|on) (a |the )?["'\u201c]/,
  /won'?t (leave|get past|go past|get beyond)/,
  /useless/,
  /no sirve/,
  /inservible/,
  /(can'?t|cannot|unable to|could not|couldn'?t) (join|start|make|place|use|book|dial|sign in|log in|boot|power|register|enroll|call)/,
  /(nobody|no one|none of (the|our) [\w ]{0,25}) can/,
  /no (calls?|meetings?) (are )?possible/,
  /not working/,
  /doesn'?t work/,
  /does not work/,
  /stopped working/,
  /isn'?t working/,
  /unusable/,
  /no funciona/,
  /no funcionan/,
  /dejo de funcionar/,
  /no se puede (hacer|usar|unir)/,
  /no pueden? (llamar|unirse|usar|entrar|reservar|hacer)/,
  /no deja/,
  /(doesn'?t|does not|won'?t|never|can'?t|fails to) register/,
  /no se registra/,
  /won'?t enroll/,
  /can'?t enroll/,
  /(rooms?|salas?|is|are) down/,
  /no (entra|entran|inicia|inician) (en|a|sesion)/,
  /never (gets|makes it|boots) (to|past|into) the (home|main|login|start) screen/,
  /caid[oa]s/,
  /parad[oa]/,
  /inutilizable/,
  /nadie puede/,
]);
/** A warning or error is shown: something is off, even if the person asks whether it matters. */
const WARNING_SHOWN = /\b(warning|banner|alert|error message|shows an? (error|warning)|aviso|mensaje de error)\b/;

/** Something is wrong, without saying what. */
const GENERAL = wordUnion([
  /not working/,
  /doesn'?t work/,
  /does not work/,
  /don'?t work/,
  /stopped working/,
  /isn'?t working/,
  /won'?t work/,
  /broken/,
  /fail(s|ing|ed)?/,
  /failure/,
  /error/,
  /issues?/,
  /problems?/,
  /can'?t/,
  /cannot/,
  /unable to/,
  /won'?t/,
  /keeps/,
  /stuck/,
  /down/,
  /dead/,
  /unusable/,
  /no funciona/,
  /no funcionan/,
  /dejo de funcionar/,
  /sin funcionar/,
  /falla\w*/,
  /fallo/,
  /problema/,
  /no puede/,
  /no pueden/,
  /no podemos/,
  /no deja/,
  /sigue sin/,
  /(is|are) missing/,
  /disappeared/,
  /without the \w+ (button|option|icon|menu)/,
  /(ha|han) desaparecido/,
  /drop(s|ped|ping)? (out of|from|off) (the |their |our )?(meetings?|calls?)/,
  /dropped calls/,
  /not authori[sz]ed/,
  /unauthori[sz]ed/,
  /no autorizad[oa]/,
  /caid[oa]s?/,
  /parad[oa]/,
  /averiad[oa]/,
  /inutilizable/,
  /nadie puede/,
  /nobody can/,
  /no one can/,
]);

/** Nouns that name a problem without describing it ("our Teams Rooms issue"). */
const PROBLEM_NOUNS = /\b(issues?|problems?|problemas?)\b/g;

/** A hypothetical ("if it breaks", "just in case") is not a report. */
const HYPOTHETICAL = wordUnion(
  [
    /(if|when|whenever) (it|a|an|any|the|one|my|our)( \w+){0,2} (breaks|fails|dies|stops|goes (down|offline)|go (down|offline)|gets disconnected|drops|loses (network|connection|power))/,
    /alerts? (when|if|for)/,
    /in case/,
    /just in case/,
    /en caso de/,
    /si se (rompe|estropea|averia|cae)/,
    /cuando (un|una|algun)\w* \w+ se (cae|desconecta)/,
    // The whole supposed clause: "what happens if the tap loses network mid-meeting?"
    /(what happens|what would happen|que pasa|que pasaria) (if|when|si|cuando) [^?.!]*/,
  ],
  "g",
);

/** Words that place a message in a category without saying anything is wrong. */
const TOPICS: readonly Weighted[] = [
  [
    "hardware_failure",
    /\b(battery|bateria|power|port|puerto|cable|fan|hinge|board|placa|psu|fuente|screen|pantalla|button|boton|tecla|lens|motor|led|light)\b/,
    1,
  ],
  ["firmware_software", /\b(firmware|update|upgrade|software|app|version|actualizacion|reboot\w*|restart\w*|reinici\w*)\b/, 1],
  [
    "network",
    wordUnion([
      /bandwidth/,
      /jitter/,
      /network/,
      /ip address/,
      /wifi/,
      /wi-fi/,
      /vlan/,
      /proxy/,
      /firewall/,
      /dns/,
      /re-?patch\w*/,
      /cabling/,
      /(network|poe|the|new|core|a|our|el|del) switch(es)?\b(?! (it|on|off|to|between|manually))/,
      /poe/,
      /ethernet/,
      /internet/,
      /(la|de|sin|en) red/,
      /red (de|wifi|corporativa)/,
    ]),
    1,
  ],
  ["cloud_partner", /\b(sign[- ]?in|signs? (in|out)|log ?in|join(ing)?|calendar|exchange|inicia sesion)\b/, 1],
  ["configuration", /\b(settings?|setup|set up|configur\w*|default|mode|option|ajustes?)\b/, 1],
  [
    "audio_video_quality",
    /\b(audio|video|image|imagen|picture|sound|sonido|voice|voz|volume|volumen|mic|microphone|microfono|camera|camara|quality|calidad|framing|encuadre|zoom|tracking)\b/,
    1,
  ],
  ["account_license", /\b(licen[cs]e|licencia|subscription|plan|seats?|entitlement|trial|activation|activacion)\b/, 1],
];

/**
 * Updates and changes that belong to something else than the device firmware: the network gear
 * ("after the switch upgrade" is a network change) or the partner app ("since the Zoom update").
 */
const NETWORK_CHANGE =
  /\b(switch|network|firewall|proxy|router|vlan|core|wifi|access point)( firmware| software| os)? (upgrade|update|change|migration|replacement)\b|\b(dhcp|dns|ntp|proxy|network|core)? ?(server|switch(es)?|router|firewall|access points?|gateway) (died|is dead|failed|went down|crashed)\b/g;
/** "no update from Microsoft", "any updates on my case": news, not a firmware update. */
const NEWS_UPDATE =
  /\b(no|any|zero) (news or |new )?updates?( yet)?\b(?! (available|pending|to install))|\bupdates? (from|on) (microsoft|zoom|google|webex|them|you|the (case|ticket)|my (case|ticket)|cs)\b/g;
const FOREIGN_UPDATE =
  /\b(zoom|teams|microsoft|google|meet|webex|windows|mac|macos|ios|chrome|browser|exchange) (rooms )?(app |client )?(update|upgrade|version)\b/g;

/** Words that place a problem in the partner's service even when no platform is named. */
export const PARTNER_SERVICE =
  /\b(tenant|conditional access|acceso condicional|aadsts\w*|exchange online|teams rooms?|zoom rooms?|meet hardware)\b/;

/** Evidence of a problem, per category. */
export interface ProblemEvidence {
  symptoms: Record<Category, number>;
  topics: Record<Category, number>;
  /** Generic "not working" wording. */
  general: number;
  /** The folded text with other products' updates and network changes masked, for later rules. */
  text: string;
  /** The update mentioned belongs to the partner or the computer, not the device. */
  foreignUpdate: boolean;
  /** Total symptom weight; 0 means no problem is described. */
  strength: number;
  /** Says what is wrong: a symptom, a blocking statement, or a failure verb, not just "the issue". */
  described: boolean;
}

const emptyScores = (): Record<Category, number> => ({
  hardware_failure: 0,
  firmware_software: 0,
  network: 0,
  cloud_partner: 0,
  configuration: 0,
  audio_video_quality: 0,
  account_license: 0,
});

/** Reads the problem evidence in folded text. */
export function readProblem(folded: string, partnerNamed = true): ProblemEvidence {
  const foreignUpdate = folded.search(FOREIGN_UPDATE) >= 0;
  const text = folded
    .replace(HYPOTHETICAL, " (hypothetical) ")
    .replace(NETWORK_CHANGE, "network change")
    .replace(FOREIGN_UPDATE, "partner change")
    .replace(NEWS_UPDATE, "news");
  const symptoms = emptyScores();
  const topics = emptyScores();
  for (const [category, pattern, weight] of SYMPTOMS) if (pattern.test(text)) symptoms[category] += weight;
  for (const [category, pattern, weight] of TOPICS) if (pattern.test(text)) topics[category] += weight;
  const general = (GENERAL.test(text) ? 1 : 0) + (BLOCKING.test(text) ? 2 : 0) + (WARNING_SHOWN.test(text) ? 1 : 0);
  // Partner wording ("known issue", "status page") says nothing wrong here unless a platform is named.
  if (!partnerNamed && !PARTNER_SERVICE.test(text)) symptoms.cloud_partner = 0;
  const strength = Object.values(symptoms).reduce((sum, value) => sum + value, 0) + general;
  const described = Object.values(symptoms).some((value) => value > 0) || general >= 2 || GENERAL.test(text.replace(PROBLEM_NOUNS, " "));
  return { symptoms, topics, general, strength, text, foreignUpdate, described };
}
