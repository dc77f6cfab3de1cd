/** Impact word lists for scope and timing: rooms or devices affected, critical events, soon or days away, since when. */
import { wordUnion } from "./patterns.ts";

// After "all"/"todas": plural fleets or whole sites ("toda la sala" is one room, "toda la oficina" is not).
const PLACE_OR_FLEET =
  "(empresa|compania|organizacion|company|organi[sz]ation|rooms|salas|devices|equipos|dispositivos|offices?|oficinas?|sites?|floors?|plantas?|pisos?|buildings?|edificios?|campus|locations|sede|hq|headquarters|units|systems|consoles|teams rooms|zoom rooms|meet rooms|webex rooms)";
// After "every"/"cada": one of many ("every room", "cada sala").
const EACH_OF =
  "(rooms?|salas?|devices?|equipos?|dispositivos?|offices?|oficinas?|sites?|floors?|plantas?|locations?|units?|systems?|consoles?)";
const FLEET_NOUNS =
  "(rooms?|salas?|devices?|equipos?|dispositivos?|units?|bars?|barras?|panels?|paneles|consoles?|taps?|phones?|telefonos?|headsets?|auriculares|cameras?|camaras?|systems?|displays?|screens?|pantallas?|speakerphones?|locations?|sites?|offices?|of them|de ellos|de ellas)";

export const MANY_SCOPE = new RegExp(
  [
    `(?<!sobre |ante |del )(all|whole|entire|todas?|todos?)( (of )?(the|our|las|los|de|la|el|nuestras?|nuestros?))?( (?!other\\b|otr)[\\w'-]+){0,3} ${PLACE_OR_FLEET}\\b`,
    `(every|each|cada)( [\\w'-]+){0,2} ${EACH_OF}\\b`,
    "(all|every|todas|todos)\\b[^.;]{0,40}\\b(floor|planta|piso|office|oficina|building|edificio|campus|site|sede)\\b",
    "across the (company|org|organi[sz]ation|board|globe)|everywhere|company-?wide|org-?wide|en todas partes|en todos (lados|sitios)",
    "ningun\\w* (sala|equipo|dispositivo|room|de (las|los) (salas|equipos))",
    "none of (our|the) ([\\w-]+ ){0,2}(rooms?|devices?|\\w+ rooms)|no (room|device) can",
  ]
    .map((part) => `\\b(${part})`)
    .join("|"),
);
export const SOME_SCOPE = new RegExp(
  `\\b(a couple of|couple of|a few|few of|some of|several|varias|varios|algunas|algunos|unas cuantas)( (of )?(our|the|las|los|nuestras))?( [\\w-]+){0,2} ${FLEET_NOUNS}`,
);
export const COUNTED = new RegExp(
  `\\b(\\d+)\\+?( (of )?(our|the|las|los|nuestras?|nuestros?|de))?( (?!and\\b|or\\b|y\\b|o\\b|min|hour|day|week|sec|time|people|person|ms\\b)[\\w-]+){0,2} ${FLEET_NOUNS}\\b`,
  "g",
);

export const CRITICAL_EVENT = wordUnion([
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
  /(demo|presentation|meeting|call) (for|with) (a |an |the |our |one of our )?(\w+ )?(customer|client)s?/,
  /(demo|presentacion|reunion|visita|llamada) (con|para|a) (un |una |el |la |nuestro |nuestra |unos )?(\w+ )?(cliente|clientes)/,
  /(reunion|sesion) del consejo/,
  /consejo de (direccion|administracion)/,
  /client (demo|visit|meeting|call|event)/,
  /(biggest|big|important|key) (client|customer)/,
  /on the line/,
  /investors?/,
  /inversor(es)?/,
  /reunion (general|de toda la (empresa|plantilla|compania))/,
  /(reunion|presentacion|visita) (de|con) (la )?(direccion|directivos|gerencia)/,
  /lanzamiento/,
  /(viene|vienen|llega|llegan|visita) (el |un |los |nuestro |nuestros )?client\w*/,
  /client\w* (para|en) (la |una )?(demo|presentacion|reunion)/,
  /(customer|client)s? (is |are )?(coming|visiting|arriv\w*)/,
  /en directo/,
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
export const SOON = wordUnion([
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
  /en \d+ ?(min|mins|h)\b/,
  /a las \d{1,2}([:.]\d\d)?( ?h)?\b/,
  /(dentro de|en) (un rato|nada)/,
  /ahora/,
  /dentro de/,
  /urgente?/,
]);

/** An event said to be days away is not "now or within 24 hours". */
export const FAR_OFF = wordUnion([
  /next (week|month|year|quarter|monday|tuesday|wednesday|thursday|friday|saturday|sunday)/,
  /(el )?proximo (lunes|martes|miercoles|jueves|viernes|sabado|domingo)/,
  /(lunes|martes|miercoles|jueves|viernes|sabado|domingo) que viene/,
  /in (\d+|a few|two|three|several) (days|weeks|months)/,
  /(la|el) (semana|mes|ano) que viene/,
  /(la |el )?proxim[oa] (semana|mes|ano)/,
  /dentro de (\d+|unos|unas|dos|tres) (dias|semanas|meses)/,
  /later this (month|year)/,
]);

/** "the rooms all show", "los equipos todos": a quantifier after the noun. */
export const FLOATING_ALL =
  /\b(rooms?|devices?|salas|equipos|consoles|taps|panels|bars|units|systems) (all|todas|todos) (show|are|went|fail|failed|have|lost|say|can'?t|dropped|stopped|estan|fallan|muestran)\b/;

export const OTHER_DEVICES_FINE =
  /\b(laptops?|portatil(es)?|moviles|(mobile|cell|smart) ?phones?|iphones?|pcs?|chromebooks?|other devices|the rest of the floor|(los |las )?demas (equipos|dispositivos|salas|telefonos)|otros (equipos|dispositivos)|el resto de (los )?(equipos|dispositivos|la planta))( [\w']+){0,5} (are|is|van|va|funcionan?|work|works|resolve it)( \w+)? (fine|ok|bien|normal|normally)\b/g;

export const SINCE =
  /\b(since|desde|after|tras|for the (?:last|past)|for|hace|durante) ([^,.;!?]{2,40}?)(?=[,.;!?]|$| and | but | y | pero | the | it | la | el )/;
