/**
 * Impact signals behind the severity: how many rooms, whether a critical event is at stake,
 * whether the device is unusable, degraded or only cosmetically off, and since when.
 * Folded text, English and Spanish.
 */
import { readNumberWords } from "./numbers.ts";
import { foldText } from "./text.ts";
import { wordUnion } from "./patterns.ts";

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** What the message says about the impact of a problem. */
export interface Impact {
  /** Rooms or devices affected when said; `MANY` for "all", "every room", "the whole office". */
  rooms?: number;
  /** An executive or customer-facing event now or within a day. */
  critical: boolean;
  /** The device cannot do its main job, said strongly (no power, no audio at all, boot loop). */
  unusable: boolean;
  /** Blocked in weaker words (offline, cannot connect). */
  blocked: boolean;
  /** It still mostly works, or a workaround exists. */
  worksPartly: boolean;
  /** Intermittent or slow. */
  intermittent: boolean;
  /** Minor, cosmetic, or a question with no impact. */
  minor: boolean;
  /** The device's main job is lost: no video, no audio at all (sev2 even if the other half works). */
  mainJobLost: boolean;
  /** What is lost is a secondary feature (casting, presets, management...), not meetings. */
  secondary: boolean;
  /** When it started, as written. */
  since?: string;
}

/** Stand-in count for "all rooms" / "every device". */
export const MANY = 99;

// After "all"/"todas": plural fleets or whole sites ("toda la sala" is one room, "toda la oficina" is not).
const PLACE_OR_FLEET =
  "(empresa|compania|organizacion|company|organi[sz]ation|rooms|salas|devices|equipos|dispositivos|offices?|oficinas?|sites?|floors?|plantas?|pisos?|buildings?|edificios?|campus|locations|sede|hq|headquarters|units|systems|consoles|teams rooms|zoom rooms|meet rooms|webex rooms)";
// After "every"/"cada": one of many ("every room", "cada sala").
const EACH_OF =
  "(rooms?|salas?|devices?|equipos?|dispositivos?|offices?|oficinas?|sites?|floors?|plantas?|locations?|units?|systems?|consoles?)";
const FLEET_NOUNS =
  "(rooms?|salas?|devices?|equipos?|dispositivos?|units?|bars?|barras?|panels?|paneles|consoles?|taps?|phones?|telefonos?|headsets?|auriculares|cameras?|camaras?|systems?|displays?|screens?|pantallas?|speakerphones?|locations?|sites?|offices?|of them|de ellos|de ellas)";

const MANY_SCOPE = new RegExp(
  [
    `(?<!sobre |ante |del )(all|whole|entire|todas?|todos?)( (of )?(the|our|las|los|de|la|el|nuestras?|nuestros?))?( (?!other\\b|otr)[\\w'-]+){0,3} ${PLACE_OR_FLEET}\\b`,
    `(every|each|cada)( [\\w'-]+){0,2} ${EACH_OF}\\b`,
    "(all|every|todas|todos)\\b[^.;]{0,40}\\b(floor|planta|piso|office|oficina|building|edificio|campus|site|sede)\\b",
    "across the (company|org|organi[sz]ation|board|globe)|everywhere|company-?wide|org-?wide",
    "ningun\\w* (sala|equipo|dispositivo|room|de (las|los) (salas|equipos))",
    "none of (our|the) ([\\w-]+ ){0,2}(rooms?|devices?|\\w+ rooms)|no (room|device) can",
  ]
    .map((part) => `\\b(${part})`)
    .join("|"),
);
const SOME_SCOPE = new RegExp(
  `\\b(a couple of|couple of|a few|few of|some of|several|varias|varios|algunas|algunos|unas cuantas)( (of )?(our|the|las|los|nuestras))?( [\\w-]+){0,2} ${FLEET_NOUNS}`,
);
const COUNTED = new RegExp(
  `\\b(\\d+)\\+?( (of )?(our|the|las|los|nuestras?|nuestros?|de))?( (?!and\\b|or\\b|y\\b|o\\b|min|hour|day|week|sec|time|people|person|ms\\b)[\\w-]+){0,2} ${FLEET_NOUNS}\\b`,
  "g",
);

const CRITICAL_EVENT = wordUnion([
  /board meetings?/,
  /board meets/,
  /board of directors/,
  /junta (directiva|de accionistas)/,
  /consejo de administracion/,
  /comite de direccion/,
  /ceo/,
  /cfo/,
  /coo/,
  /chairman/,
  /president/,
  /exec(utive)? (meeting|review|offsite|visit|presentation)/,
  /town ?hall/,
  /all[- ]hands/,
  /keynote/,
  /customer (demo|visit|meeting|event|presentation)/,
  /client (demo|visit|meeting|call|event)/,
  /(biggest|big|important|key) (client|customer)/,
  /on the line/,
  /investors?/,
  /live ?stream\w*/,
  /press (conference|event)/,
  /launch event/,
  /cliente importante/,
  /presentacion (al|a un|con el|para el) cliente/,
  /visita (de|del) cliente/,
  /evento/,
  /retransmision/,
  /rueda de prensa/,
  /accionistas/,
]);
const SOON = wordUnion([
  /now/,
  /right now/,
  /today/,
  /tonight/,
  /this (morning|afternoon|evening)/,
  /tomorrow/,
  /in (\d+|an?|half an?|a few|a couple of) (min|mins|minutes|hours?|h)\b/,
  /in \d+ ?(min|h)\b/,
  /at \d{1,2}([:.]\d\d)? ?(am|pm|h)?\b/,
  /mid-?call/,
  /on the line/,
  /starts (in|at)/,
  /asap/,
  /immediately/,
  /hoy/,
  /manana/,
  /esta (manana|tarde|noche)/,
  /en (\d+|una|media|un par de) (minutos|hora|horas)/,
  /ahora/,
  /dentro de/,
  /urgente?/,
]);

/** An event said to be days away is not "now or within 24 hours". */
const FAR_OFF = wordUnion([
  /next (week|month|year|quarter)/,
  /in (\d+|a few|two|three|several) (days|weeks|months)/,
  /(la|el) (semana|mes|ano) que viene/,
  /(la |el )?proxim[oa] (semana|mes|ano)/,
  /dentro de (\d+|unos|unas|dos|tres) (dias|semanas|meses)/,
  /later this (month|year)/,
]);

/** Cannot do its main job, stated strongly: no power, no audio at all, boot loop, nobody can join. */
const UNUSABLE = wordUnion([
  /no (me |nos |le |te )?deja\w* (pasar|usar|entrar|hacer|iniciar|unir\w*)/,
  /no se puede \w+ nada/,
  /no hay manera/,
  /dead/,
  /died/,
  /no power/,
  /impossible to (finish|use|make|join|hold|have|start|get through)/,
  /imposible (usar|terminar|hacer|acabar)/,
  /(doesn'?t|does not|won'?t|no longer) pick up (my voice|anything|any sound|sound|audio|us|me)/,
  /(shows?|showing|displays?|displaying|muestra) nothing(?! else| new| more| different)/,
  /no muestra nada/,
  /won'?t (turn|power|boot|start|go past|charge|join)/,
  /stopped (powering|turning|switching|booting|charging)/,
  /won'?t let (anyone|us|me|people|you)/,
  /doesn'?t (turn|power|boot|start)/,
  /not (turn|power)\w* on/,
  /completely/,
  /totally/,
  /no (sound|audio|video|picture|image|dial tone|controller|tone)/,
  /(can'?t|cannot|unable to|could not|couldn'?t) (join|start|make|place|hear|see|use|book|dial|sign in|log in|call|power|boot|enroll|activate|be used|understand)/,
  /(nobody|no one|none( of them)?|nothing) (can|works|at all|displays|comes out)/,
  /none of (the|our) [\w ]{0,20}can/,
  /unusable/,
  /not usable/,
  /at all/,
  /stuck (in|on|at)/,
  /boot ?loop/,
  /reboot loop/,
  /in a loop/,
  /never (finishes|comes|starts)/,
  /black screen/,
  /blank screen/,
  /bricked/,
  /shattered/,
  /no enciende/,
  /no arranca/,
  /no (se )?pued(e|en) (usar|hacer|unir)/,
  /no podemos (usar|unirnos|hacer llamadas|entrar|reservar|iniciar|llamar)/,
  /no deja/,
  /caid[oa]s?/,
  /parad[oa]/,
  /muert[oa]/,
  /sin (imagen|sonido|audio|video|servicio|funcionar)/,
  /no da (tono|imagen|senal)/,
  /no se ve nada/,
  /no se mueve/,
  /no pueden? (llamar|recibir|hacer|usar|unirse|entrar|arrancar|reservar)/,
  /(nobody|no one)( \w+){0,3} (can )?(hears?|sees?)/,
  /activation failed/,
  /activacion fallida/,
  /useless/,
  /no sirve/,
  /won'?t (leave|get past|go past)/,
  /no recibe (ninguna |las )?llamadas?/,
  /(can'?t|cannot) (receive|get) (any )?calls/,
  /(can'?t|cannot|won'?t) (be )?(activat|enroll)\w*/,
  /blocking (meetings|calls|the room)/,
  /bloquea las (reuniones|llamadas)/,
  /nadie (oye|escucha|ve|puede)/,
  /no (calls?|meetings?) (are )?possible/,
  /bucle/,
  /inutilizable/,
  /no hay forma/,
  /(is|are|went|gone|been|all|rooms?) down/,
]);
/** Blocked in a weaker wording: offline, cannot reach, no network. */
const BLOCKED = wordUnion([
  /offline/,
  /blocked/,
  /frozen/,
  /no (network|ip|signal)/,
  /(can'?t|cannot|unable to) (connect|reach|get|register)/,
  /never (registers|gets|comes online)/,
  /won'?t (connect|go)/,
  /no funciona/,
  /no conecta/,
  /sin (red|ip|conexion)/,
  /no (tiene|hay) (red|conexion)/,
  /ningun\w* (sala|equipo)/,
  /no carga/,
  /locked/,
]);
/** Still works, or there is a way around it. */
const WORKS_PARTLY = wordUnion([
  /al final (aparece|aparecen|funciona|funcionan|sale|salen|va|conecta)/,
  /nos (apanamos|arreglamos)/,
  /(podemos|se puede) (seguir|trabajar)/,
  // A contrast followed by something positive: "..., but calls work", "pero al menos funciona".
  /(but|pero|though|although|aunque|otherwise|por lo demas|aparte de eso)( (?!no\b|not\b|nada\b|nothing\b|doesn|don|isn|won|ni\b)[\w']+){0,5} (works?|working|fine|ok|okay|usable|funciona|funcionan|bien|normal)(?! (puest|configurad|escrit|introducid|metid|conectad)\w*)/,
  // The rest of the controls work: "volume buttons are fine", "the other ports work".
  /(buttons?|keys?|ports?|inputs?|features?|functions?|botones|teclas|puertos) (still )?(work|works|are fine|are ok|is fine|funcionan|van bien)/,
  /still (works?|usable|working|readable|possible|fine|ok|joins?|connects?|happen|\w+able|functional)/,
  /if (i'?m|we'?re|you'?re) careful/,
  /(?<!not |no |un)usable/,
  /works? (fine|ok|normally|otherwise)(?! (on|with|from|in) (the |a |my |our )?(laptops?|phones?|other|browser|another|mobile))/,
  /otherwise (ok|fine|works)/,
  /(?<!\bno |\bnot )(calls?|meetings?|audio|video|booking|everything else|the rest|rest|device itself|camera itself|bar itself|headset itself|speakerphone|handset|wired|wired mode|cable sharing|join(ed)? by id|ad hoc calls|lower volume) (\w+ )?(still )?(work|works|working|fine|ok|is fine|are fine|is clean|possible|unaffected|connect|go on|can still|keep working|seems? (ok|fine))/,
  /(it'?s|is|works|looks) fine (without|when|if)/,
  /works? (tho|though|anyway)/,
  /can still (start|join|use|make|hold|call|book|hear|see|be used)/,
  /(center|centre|rest|the rest|middle) of the \w+ (is )?(fine|ok|works)/,
  /(pero|but) (la|el|the) \w+ (funciona|works|still works|sigue funcionando)/,
  /(los|las|la|lo) (uso|usamos|usan) (igual|asi|sujetand\w*|con)/,
  /sujetand\w*/,
  /usable with/,
  /(we|i) use (it|them) (anyway|like that|as is)/,
  /funcionan? igual/,
  /(si|si que) funcionan?/,
  /other (buttons|keys|features|functions|ports|mics|speakers|inputs) (still )?work/,
  /turned (it|that) off/,
  /con (el |un )?(cable|cargador|adaptador) (funciona|funcionan|va|van)/,
  /vuelven? a (conectar|funcionar)\w*( sol[oa]s?)?/,
  /se reconecta\w*/,
  /workaround/,
  /recovers/,
  /(?<!(never|not|n'?t|no) )(comes?|came|coming) back/,
  /reboot fixes/,
  /fixes it/,
  /after a (restart|reboot)/,
  /(we|i) (have to|prop|hold|move|switch|re-?pair)/,
  /(we|i) (just |now )?(plug|charge|turn|keep) it (in|down|up|plugged|charging)/,
  /have to (unmute|re-?pair|select|switch|press|use|shout)/,
  /manually/,
  /by hand/,
  /a mano/,
  /(hay|tengo|tenemos) que (volver|usar|apretar|reiniciar|tocar|mover|pulsar|desenchufar|seleccionar|gritar|hablar|darle|elegir|cambiar(lo|la)? a mano)/,
  /se recupera/,
  /vuelven? sol[oa]s?/,
  /luego vuelve/,
  /sigue funcionando/,
  /funcionan? (bien|normal)/,
  /(?<!no )se puede (usar|entrar|reunir|unir|llamar|hacer)/,
  /se puede \w+ (sin problemas?|bien|normal)/,
  /va bien/,
  /van bien/,
  /al final funciona/,
  /las (llamadas|reuniones) funcionan/,
  /(las salas|los equipos|el equipo|la sala|the rooms?|the devices?|devices) (\w+ )?(funcionan?|work|works|are fine|siguen funcionando)/,
  /lo demas funciona/,
  /el resto funciona/,
  /annoying but/,
  /(anda|andan) (bien|normal)/,
  /se pueden (usar|seguir)/,
  // Doing the job another way: "we answer with the mouse", "we join from a laptop".
  /(we|i) (now |just )?(answer|join|start|dial|share|control it|call) (\w+ )?(with|from|via|using|through) (the |a |our |my )?\w+/,
  // Half of a pair still working: "comes through the other one fine", "el otro lado va bien".
  /(through|on|from|with|in|the) (the )?other (one|side|ear|mic|speaker|port|half|channel)( \w+){0,2} (fine|ok|works?|still works)/,
  /(el|la|por el|por la) otr[oa] (lado |oreja |parte )?(funciona|va bien|se oye bien|si)/,
]);
/** Intermittent or slow rather than down. */
const INTERMITTENT = wordUnion([
  /un par de veces/,
  /cada tanto/,
  /(\d+-\d+|two|three|several|a few|multiple|dos|tres|varias) (times|veces) to (react|respond|work)/,
  /veces al dia/,
  /(durante )?unos (minutos|segundos)/,
  /(de|a) ratos/,
  /cada (dia|hora|manana|tarde)/,
  /a medias/,
  /sometimes/,
  /intermittent\w*/,
  /occasionally/,
  /from time to time/,
  /now and then/,
  /every (few|couple|other) \w+/,
  /every \d+ (min|mins|minutes|hours?)/,
  /every (hour|day|morning|afternoon|evening|night|week)/,
  /for a (few|couple of) (minutes|seconds)/,
  /then (it |they )?(reconnects?|recovers?|comes? back)/,
  /once a (day|week)/,
  /twice a day/,
  /a few times/,
  /several times/,
  /randomly/,
  /some (calls|meetings|times)/,
  /in big meetings/,
  /for a few seconds/,
  /for a while/,
  /only (when|in|on|if|with|noticeable)/,
  /slow/,
  /lags?/,
  /partial\w*/,
  /(si|cuando) (lo|la|los) muevo/,
  /when (i|you|we) (move|touch|wiggle) (it|the)/,
  /falso contacto/,
  /loose (contact|connection)/,
  /delay(ed|s)?/,
  /latency/,
  /late/,
  /retraso/,
  /lento/,
  /takes? (like |about |almost |around |over )?\d+\+? ?(seconds|secs|minutes|mins)/,
  /(degraded|slow) performance/,
  /performance (is )?degraded/,
  /tarda (casi |unos )?\d+/,
  /only lasts/,
  /only (gets|lasts|holds|makes it) (through )?(half|a few|\d+|one)/,
  /lasts only/,
  /dura solo/,
  /solo dura/,
  /drains/,
  /shows? the wrong/,
  /wrong (meeting|name|title|list|calendar|time|date)/,
  /a veces/,
  /de vez en cuando/,
  /cada (rato|poco|pocos)/,
  /varias veces/,
  /mas o menos/,
]);
const MINOR = wordUnion([
  /(small|tiny|little|slight|pequen[oa]|ligero|leve) (click|chip|scratch|scuff|dent|mark|chasquido|marca|golpe|rasguno)/,
  /no es urgente/,
  /sin importancia/,
  /poca cosa/,
  /es (solo )?(estetico|un detalle)/,
  /casi no se nota/,
  /(zero|no|low) (urgency|priority|rush)/,
  /no rush/,
  /whenever you (can|get a chance)/,
  /not (urgent|important|critical)/,
  /nada urgente/,
  /sin prisa/,
  /cuando podais/,
  /small (dent|scratch|mark|scuff)/,
  /cosmetic/,
  /scratch(ed)?/,
  /slightly/,
  /barely (noticeable|audible|visible)/,
  /very faint/,
  /minor/,
  /no big deal/,
  /not a big deal/,
  /nothing serious/,
  /nada importante/,
  /no es importante/,
  /not serious/,
  /nada grave/,
  /no es grave/,
  /not urgent/,
  /just (annoying|curious|letting you know|wondering|confusing)/,
  /no (impact|functional)/,
  /doesn'?t affect/,
  /does not affect/,
  /no afecta/,
  /no pasa nada/,
  /pequena cosa/,
  /detalle/,
  /estetico/,
  /is (it|that|this) (normal|expected)/,
  /es normal/,
  /just cosmetic/,
  /nice to have/,
]);
/** Indicators and looks: when only these are off and the device works, it is cosmetic. */
const COSMETIC_SUBJECT = wordUnion([
  /aranazo/,
  /rayon/,
  /rayad[oa]/,
  /marca/,
  /golpecito/,
  /desconchad[oa]/,
  /pegatina/,
  /leds?/,
  /light/,
  /indicator/,
  /icon/,
  /label/,
  /sticker/,
  /rubber/,
  /foot/,
  /feet/,
  /paint/,
  /scuff/,
  /dent/,
  /typo/,
  /date format/,
  /formato/,
  /wallpaper/,
  /fondo de pantalla/,
  /lowercase/,
  /font/,
  /logo/,
  /room name/,
  /pending activation/,
  /firmware version shows/,
]);
const WORKS_ANYWAY = wordUnion([
  /funciona (perfectamente|perfecto|normal)/,
  /va (bien|perfecto)/,
  /works? (fine|perfectly|great|normally)/,
  /no problem otherwise/,
  /otherwise (fine|ok|no problem)/,
  /seems? (ok|fine)/,
  /audio (seems )?(ok|fine)/,
  /no (impact|functional)/,
  /bars? work fine/,
  /funciona bien/,
  /no afecta/,
]);

const MAIN_JOB_LOST = wordUnion([
  /(nobody|no one) (understands|can understand|hears|can hear)/,
  /(picture|image|video|imagen) (is |stays |se queda )?(frozen|congelad[oa])/,
  /no (video|image|picture)( output| at all)?/,
  /no (sound|audio) at all/,
  /(far (end|side)|other side|nobody|no one|they) can'?t hear (us|me|anything)/,
  /can'?t see anything/,
  /no se ve nada/,
  /no se oye nada/,
  /sin (imagen|video|sonido)/,
]);
const SECONDARY = wordUnion([
  /cast/,
  /casting/,
  /(wireless(ly)? )?(content )?shar(e|ing) (content )?wirelessly/,
  /screen ?shar\w*/,
  /whiteboard/,
  /recording/,
  /grabacion/,
  /captions/,
  /chat/,
  /presets?/,
  /management (portal|features?|commands)/,
  /remote (control|config\w*|reboot|management)/,
  /config push/,
  /push (settings|config)/,
  /analytics/,
  /dashboards?/,
  /tracking/,
  /auto-?framing/,
  /hdmi input/,
  /input switching/,
  /clock/,
  /calendar sync/,
  /mute (state|status|sync|led)/,
  /estado de mute/,
  /one-touch join/,
  /proximity/,
]);
/** Display-only settings: cosmetic unless the message says more. */
const DISPLAY_ONLY = wordUnion([
  /language/,
  /idioma/,
  /en ingles/,
  /date format/,
  /time format/,
  /(date|fecha|hora) (in|en) (\w+ )?(format|formato)/,
  /formato (americano|de fecha|de hora)/,
  /wallpaper/,
  /fondo de pantalla/,
  /background image/,
  /room name as/,
  /in lowercase/,
  /font/,
  /typo/,
  /theme/,
]);
/** "the rooms all show", "los equipos todos": a quantifier after the noun. */
const FLOATING_ALL =
  /\b(rooms?|devices?|salas|equipos|consoles|taps|panels|bars|units|systems) (all|todas|todos) (show|are|went|fail|failed|have|lost|say|can'?t|dropped|stopped|estan|fallan|muestran)\b/;

const OTHER_DEVICES_FINE =
  /\b(laptops?|portatil(es)?|moviles|(mobile|cell|smart) ?phones?|iphones?|pcs?|chromebooks?|other devices|the rest of the floor)( [\w']+){0,5} (are|is|van|va|funcionan?|work|works|resolve it)( \w+)? (fine|ok|bien|normal|normally)\b/g;

const SINCE =
  /\b(since|desde|after|tras|for the (?:last|past)|for|hace|durante) ([^,.;!?]{2,40}?)(?=[,.;!?]|$| and | but | y | pero | the | it | la | el )/;

/** Reads the impact signals. */
export function readImpact(text: string, isProductWord: (word: string) => boolean = () => false, site: string | null = null): Impact {
  // "laptops are fine" says where the problem is not; it is no workaround for the room.
  const folded = text.replace(OTHER_DEVICES_FINE, " ");
  const impact: Impact = {
    critical: criticalSoon(folded),
    unusable: UNUSABLE.test(folded),
    blocked: BLOCKED.test(folded),
    worksPartly: WORKS_PARTLY.test(folded),
    intermittent: INTERMITTENT.test(folded),
    minor: MINOR.test(folded) || (COSMETIC_SUBJECT.test(folded) && WORKS_ANYWAY.test(folded)) || DISPLAY_ONLY.test(folded),
    mainJobLost: MAIN_JOB_LOST.test(folded),
    secondary: SECONDARY.test(folded),
  };
  // "all of Madrid", "todo el edificio de Monterrey": the whole named site.
  const wholeSite =
    site !== null &&
    new RegExp(
      `\\b(todo|toda|todas|todos|whole|entire|all of|across|everywhere in)( (el|la|las|los|the|our))? ${escapeRegExp(foldText(site))}`,
    ).test(folded);
  const rooms = wholeSite || FLOATING_ALL.test(folded) ? MANY : countRooms(folded, isProductWord);
  if (rooms !== undefined) impact.rooms = rooms;
  const since = SINCE.exec(folded);
  if (
    since &&
    /\d|day|week|month|hour|minute|morning|night|yesterday|update|monday|tuesday|wednesday|thursday|friday|weekend|ayer|semana|dia|hora|manana|noche|actualiz|lunes|martes|miercoles|jueves|viernes|firmware|version|move|moved|change|cambi/.test(
      since[2]!,
    )
  )
    impact.since = `${since[1]} ${since[2]!.trim()}`;
  return impact;
}

/** A critical event that is now or soon, unless the event itself is said to be days away. */
function criticalSoon(folded: string): boolean {
  const event = CRITICAL_EVENT.exec(folded);
  if (!event || !SOON.test(folded)) return false;
  return !FAR_OFF.test(folded.slice(event.index, event.index + event[0].length + 30));
}

function countRooms(original: string, isProductWord: (word: string) => boolean): number | undefined {
  if (MANY_SCOPE.test(original)) return MANY;
  const folded = spellNumbers(original);
  let best: number | undefined;
  for (const match of folded.matchAll(COUNTED)) {
    const value = Number(match[1]);
    // Numbers that are versions, times or ids are not counts.
    const before = folded.slice(Math.max(0, (match.index ?? 0) - 3), match.index ?? 0);
    if (/[.:\-#]$/.test(before) || value === 0 || value > 5000) continue;
    // "bar 50 room", "barra 70 de la sala": the number is part of a product name.
    const previousWord = /([a-z]+)\s*$/.exec(folded.slice(Math.max(0, (match.index ?? 0) - 20), match.index ?? 0))?.[1];
    if (previousWord && isProductWord(previousWord)) continue;
    best = Math.max(best ?? 0, value);
  }
  if (best !== undefined) return best;
  if (SOME_SCOPE.test(folded)) return 3;
  return undefined;
}

/** Replaces spelled-out numbers by digits ("twenty rooms" -> "20 rooms"). */
function spellNumbers(folded: string): string {
  const words = [...folded.matchAll(/[a-z]+/g)];
  const texts = words.map((match) => match[0]);
  let result = "";
  let copied = 0;
  for (let w = 0; w < words.length; w++) {
    const number = readNumberWords(texts, w);
    if (!number) continue;
    const first = words[w]!;
    const last = words[w + number.length - 1]!;
    result += folded.slice(copied, first.index) + String(number.value);
    copied = (last.index ?? 0) + last[0].length;
    w += number.length - 1;
  }
  return result + folded.slice(copied);
}
