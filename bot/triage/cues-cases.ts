/** Intent cues about an existing case: escalate, close, resolved, partner tickets, request markers, case status without an id. */
import { wordUnion } from "./patterns.ts";

/** Asks to escalate, prioritise, or reach someone senior (taxonomy tie-break 2). */
export const ESCALATE = wordUnion([
  /escalat(e|ed|es|ing|ion)/,
  /escal(ar|arlo|ad|adlo|eis|en|enlo|elo|e|es|ado|ada|amos|acion|amiento|alo|ala|a (el|la|mi|nuestro|nuestra|este|esta) (caso|incidencia|ticket|problema))/,
  /sub(ir|id|an|ais|as|irlo|idlo) (esto |el caso |lo )?de nivel/,
  /next level/,
  /higher (level|tier)/,
  /(tier|level) (2|3|two|three) (support|engineer)/,
  /someone (more )?(senior|higher up|above|in charge)/,
  /senior (engineer|person|manager)/,
  /alguien (mas )?(senior|superior|de mas (arriba|nivel)|con mas (nivel|experiencia|autoridad))/,
  /(your|a|the|my|support|service|our account) (manager|supervisor|boss)/,
  /(your|upper|senior|higher) management/,
  /to (the |your )?management(?! (portal|console|app|page|ui|server|features?|seats?|licen\w*))/,
  /supervisor/,
  /get a manager/,
  /manager (on|involved)/,
  /(talk|speak) (to|with) (a|your|the|someone|somebody) (manager|supervisor|boss|above|senior|in charge)/,
  /prioriti[sz](e|ed|ing)/,
  /bump(ed|ing)? (the |its |this )?priority/,
  /bump(ed|ing)? (\S+ ){0,2}up/,
  /be bumped/,
  /up the (chain|ladder)/,
  /up the queue/,
  /jump the queue/,
  /move (it|this) up/,
  /push (it|this) (up|forward)/,
  /speed (this|it) up/,
  /dar(le)? (mas )?prioridad/,
  /expedite/,
  /raise (it|this|the case|the priority|a complaint|a formal complaint)/,
  /raised to/,
  /formal complaint/,
  /complain(t)? about (the|your) (service|support|response|handling)/,
  /(make|file|raise|lodge) a complaint/,
  /(un|al|el|algun) responsable/,
  /hablar con (un|el|tu|vuestro|algun|alguien) (responsable|jefe|supervisor|gerente|superior|encargado)/,
  /priori[zc](ar|arlo|ad|adlo|en|enlo|e|eis|ado)/,
  /(poner|presentar) una (queja|reclamacion)/,
]);
/** "no need to escalate", "don't escalate yet". */
export const ESCALATE_NEGATED = /\b(no need to|don'?t|do not|not|no hace falta|sin|no (hay que|quiero)) (\w+ )?(escalat|escal|prioriti)/;

/** Asks to close a case (not "the app closes", not "don't close"). */
export const CLOSE_REQUEST = wordUnion([
  /(please|pls|plz|can|could|may|you can|feel free to|go ahead and|ok to|okay to|fine to|safe to) close/,
  /close (it|this|that|the|my|our|cs|case|ticket|incident|out)/,
  /(can|could|may|should) be closed/,
  /cerr(ar|arlo|arla|ad|adlo|en|enlo|ais)/,
  /cierr(en|enlo|alo)/,
  /cierra (el|la|mi|nuestro|nuestra) (caso|ticket|incidencia|cs)/,
  /se puede cerrar/,
  /dar(lo)? por (cerrad|resuelt)/,
  /mark (it|this|the case|the ticket) (as )?(resolved|solved|closed|done)/,
]);
/** "don't close it", "the app closes", "was closed without". */
export const CLOSE_NEGATED =
  /\b(don'?t|do not|not|never|no|please don'?t) (\w+ )?(close|cerr)|\bse (cierra|cerro)\b|\bwas closed\b|\bclosed (it|my case|the case) without\b|\breopen/;

/** The problem is gone or no longer matters. */
export const RESOLVED = wordUnion([
  /works? (now|again|fine now|perfectly now|ok now)/,
  /working (now|again|fine now|great|perfectly|like a charm)/,
  /(we'?re|we are|you'?re|all) (all )?done here/,
  /all (good|fine|sorted|set) now/,
  /all good/,
  /everything (works|is working|is fine)( now)?/,
  /all is (fine|good|working)/,
  /(is|are|got|been|was|it'?s|problem|issue) (resolved|solved|fixed|sorted)/,
  /resolved (on|it|with|by|after)/,
  /fixed (it|itself|now)/,
  /we fixed/,
  /problem (went away|is gone)/,
  /no longer (needed|an issue|required|necessary)/,
  /not needed anymore/,
  /no need (anymore|to send|for (the|a) (tech|technician|visit))/,
  /never ?mind/,
  /nvm/,
  /false alarm/,
  /user error/,
  /did the trick/,
  /ya funciona/,
  /funciona (ya|perfecto|perfectamente|bien ahora|de nuevo|otra vez)/,
  /vuelve a funcionar/,
  /ya (esta|quedo) (solucionado|resuelto|arreglado)/,
  /solucionado/,
  /resuelto/,
  /se (arreglo|soluciono|resolvio)/,
  /lo (arreglamos|resolvimos|solucionamos)/,
  /ya no hace falta/,
  /ya no es necesario/,
  /falsa alarma/,
  /done,? thanks/,
]);
/** "when will it be resolved", "still not fixed". */
export const NOT_RESOLVED =
  /\b(be|(hasn'?t|haven'?t|hadn'?t|has not|have not|had not|never|not|still not|yet to have) been|get|gets|not|never|isn'?t|wasn'?t|hasn'?t|still|yet to be|no (esta|se ha|ha sido)|sin|until|when) (resolved|solved|fixed|sorted|solucionad|resuelt|arreglad)|\b(has|have|is|was) (it|this|that|the \w+|my \w+|our \w+) (been )?(resolved|solved|fixed|sorted)/;

/** A ticket with the cloud partner: ask to open, check, chase, or bring the partner in. */
export const PARTNER_TICKET_REF =
  /\b(partner (ticket|case)|(microsoft|ms|zoom|google|webex|their)('?s)? (support )?(ticket|case|incident ticket|ticket number|case number)|(ticket|case|caso|incidencia) (with|con|de|en|at|to|for) (microsoft|zoom|google|webex|them|ellos)|(open|opened|create|raise|file|log|submit) (a |an |the )?(ticket|case) (with|on|at) |abr(e|a|ir|id|an|ais|eis) (un|una|el|la) (ticket|caso|incidencia|solicitud) con|numero de ticket de)/;
export const PARTNER_BRING_IN = wordUnion([
  /(bring|get|add|invite|loop|pull|include|involve|meter|meted|metan|anadir|anadid|anadan|invitar|invitad|inviten|incluir|incluid|incluyan|traer|traed|traigan|sumad|sumen) (in )?(the |a |an )?(microsoft|zoom|google|webex|them|their|los|las|al|a los)('?s)?( \w+)?( (engineers?|support|team|people|folks|ingenieros?|soporte))?/,
  /joint (call|session|meeting)/,
  /llamada conjunta/,
  /reunion conjunta/,
  /get them on/,
  /their engineers?/,
  /(los |a los )?(ingenieros?|tecnicos?) de (microsoft|zoom|google|webex)/,
  /(microsoft|zoom|google|webex)('?s)? (engineers?|support engineer)/,
]);
/** Takes the problem to the partner: "raise it with Zoom", "escalate this to Microsoft". */
export const PARTNER_RAISE =
  /\b(raise|take|report|log|file|flag|escalate|open) (it|this|that|the (issue|problem|bug)|a (ticket|case)) (with|to) (microsoft|zoom|google|webex|them)\b/;
export const PARTNER_REPLY = wordUnion([
  /(any )?(word|news|update|reply|response|answer|feedback) from (microsoft|zoom|google|webex)/,
  /(respuesta|novedades|noticias) de (microsoft|zoom|google|webex)/,
  /(did|has|have|whether|if) (microsoft|zoom|google|webex) (reply|replied|respond|responded|answer|answered|get back|got back|come back)/,
  /(microsoft|zoom|google|webex) (ha|han) (respondido|contestado|dicho algo)/,
  /(chase|ping|nudge|push|contact|ask|call|talk to|speak (to|with)|hablar con|contactar con|contactad con|llamar a|preguntar a|preguntad a) (microsoft|zoom|google|webex|them)( for| about| on| sobre)?/,
]);
export const REQUEST_MARKER =
  /\?|\b(please|pls|plz|can you|could you|would you|will you|did you|have you|need you|podeis|podrian|podriais|pueden|puedes|por favor|teneis|manage to|abre|abra|abrir|abrid|abrais|abran|crear|os pido|(necesit|quier|quer|pid|ped)\w* que|(we|i) need (you|a|an|the|to)|(we'?d|i'?d) like (you|a|an|the|to)|(we|i) want (you|a|an|the))\b|(^|[.!,;:] |\b(and|then|to|also|pls|please) )(open|create|raise|file|log|check|chase|link|share|ask)\b/;

/** An existing case or ticket referred to without its id. */
const CASE_REFERENCE =
  /(my|our|the) (\w+ )?(case|ticket|caso|incidencia)|(mi|nuestro) (caso|ticket)|(case|ticket|caso) #?\d{4,6}|(opened|raised|logged|submitted|filed|abri|abrimos) (a |the |my |un |una )?(support )?(ticket|case|caso|incidencia)/;
/** Words asking how a case is going. */
const STATUS_WORDS =
  /status|update|news|progress|eta|happening|going on|anyone|who|latest|word|hear|heard|waiting|reply|answer|where it'?s at|where it stands|(resolved|solved|fixed|closed|sorted|done) yet|estado|novedad|novedades|va|paso|respuesta|quien|sabe|como va|que paso|info/;

/** Asks about the status of an existing case without an id ("any news on my ticket"). */
export const CASE_STATUS_NO_ID = new RegExp(
  `\\b(${CASE_REFERENCE.source})\\b.*\\b(${STATUS_WORDS.source})\\b|\\b(${STATUS_WORDS.source})\\b.*\\b(${CASE_REFERENCE.source})\\b|\\badding (this |some |more )?info(rmation)? to (our|my|the) (case|ticket)`,
);
