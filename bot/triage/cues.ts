/**
 * Intent cues in English and Spanish: what the person asks for. Patterns run on folded text
 * (lower case, no accents) and are written as word-level phrases, not as copies of messages, so
 * that new wordings of the same request still match.
 */
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

/** Advance replacement / RMA logistics. */
export const REPLACEMENT = wordUnion([
  /rma/,
  /advance(d)? replacement/,
  /replacement( [\w-]+){0,3} (ship|ships|shipped|arriv\w*|deliver\w*|come|coming|sent|dispatch\w*|track\w*|never|hasn'?t|has not|still)/,
  /where is (my|our|the) replacement/,
  /(my|our) replacement/,
  /(eta|status|news|update|tracking|estado) (on|for|of|del?) (the |my |our |el |la )?(replacement|reemplazo|sustitucion)/,
  /return (label|box|kit|shipment|the (faulty|broken|old|defective) (unit|one|device))/,
  /shipping label/,
  /send (it|the old one|the faulty unit|the broken unit|ours|the unit) back/,
  /ship (it|the old one|ours|the old unit) back/,
  /faulty unit/,
  /defective unit/,
  /broken unit/,
  /tracking (number|says|shows|link|info|hasn'?t|has not|stuck)/,
  /courier/,
  /shipment/,
  /delivered/,
  /reemplazo/,
  /sustitucion/,
  /equipo de sustitucion/,
  /numero de seguimiento/,
  /etiqueta de devolucion/,
  /devolucion/,
  /mensajero/,
  /unidad (averiada|defectuosa|rota)/,
  /entregado/,
]);

/** Wants to buy or asks the availability of a spare part or accessory. */
export const PARTS_REQUEST = wordUnion([
  /spare/,
  /spares/,
  /in stock/,
  /stock/,
  /do you (still )?(make|sell|carry|stock|offer|have)/,
  /(online |web )?(shop|store)/,
  /teneis/,
  /(need|necesito|necesitamos) (\d+|a few|several|some|unos|unas|varios|varias)( more| extra| new| mas)?/,
  // "I need a power cable", "necesito un cable de alimentación": asking for the part by name.
  /(need|want|looking for) (a|an|another|two|three) (new |spare |replacement )?(power |usb |hdmi |network |wall |ceiling )?(cable|cord|remote|mount|bracket|charger|adapter|battery|dock|cradle|stand|dongle|headband|splitter)s?/,
  /(necesito|necesitamos|queremos|quiero|nos hace falta|me hace falta|buscamos|busco) (un|una|otro|otra|dos|tres) (nuevo |nueva )?(cable|mando|soporte|cargador|adaptador|bateria|base|fuente|almohadilla|diadema|tapa|divisor)(es|s)?/,
  /back ?order(ed)?/,
  /lead time/,
  /available as/,
  /availability/,
  /(still )?available/,
  /discontinued/,
  /end of life/,
  /descatalogad\w*/,
  /extra/,
  /additional/,
  /(get|need|want|order|send us) (\w+ )?(more|another|extra|new|additional)/,
  /sold separately/,
  /sell/,
  /sold/,
  /buy/,
  /purchase/,
  /order (a|an|one|two|three|\d+|some|more|extra|spare|the|replacement|new)/,
  /can (we|i) order/,
  /how much (is|are|for|does a|do)/,
  /price/,
  /pricing/,
  /repuesto/,
  /recambio/,
  /comprar/,
  /vend(eis|en|eis)/,
  /pedir/,
  /encargar/,
  /disponible/,
  /disponibilidad/,
  /plazo de entrega/,
  /cuanto (cuesta|cuestan|vale|valen|tarda|tardan)/,
  /precio/,
]);
/** Spare parts and accessories. */
export const PART_NOUN = wordUnion([
  /cables?/,
  /cords?/,
  /mounts?/,
  /brackets?/,
  /remotes?/,
  /remote control/,
  /mando/,
  /power (supply|supplies|adapter|adapters|brick)/,
  /psus?/,
  /adapters?/,
  /chargers?/,
  /charging (case|cradle|dock)/,
  /docks?/,
  /cradles?/,
  /ear ?(cushions?|pads?)/,
  /cushions/,
  /almohadillas?/,
  /batter(y|ies)/,
  /baterias?/,
  /covers?/,
  /shutters?/,
  /tapas?/,
  /stands?/,
  /clips?/,
  /dongles?/,
  /handsets?/,
  /auricular/,
  /feet/,
  /screws/,
  /kits?/,
  /accessor(y|ies)/,
  /accesorios?/,
  /soporte de (pared|mesa|techo|pantalla)/,
  /fuentes? de alimentacion/,
  /fuentes?/,
  /headbands?/,
  /lens caps?/,
  /privacy/,
  /splitters?/,
  /mic pods?/,
  /piezas?/,
  /spare parts?/,
  /parts/,
  /diademas?/,
  // "diademas de repuesto": whatever is asked for as a spare is a part.
  /\w+ de (repuesto|recambio)/,
]);

/** Asks for a technician onsite or about an onsite visit. */
export const ONSITE = wordUnion([
  /(pueden|puede|podeis|podrian|podriais) venir/,
  /venid/,
  /vengan/,
  /installation (service|services|visit|team)/,
  /professional installation/,
  /servicios? de instalacion/,
  /fit out/,
  /(building|visitor|site) (pass|badge)/,
  /send (someone|somebody|a tech\w*|an engineer)/,
  /(need|needs|want|get|book) (someone|somebody|a tech\w*|an engineer|a person) to (install|replace|fit|swap|mount|fix|repair)/,
  /on-?site/,
  /on site/,
  /technician/,
  /field (engineer|service|tech)/,
  /site visit/,
  /send (a|an|someone|somebody|the|your|us a) (tech|technician|engineer|person)/,
  /(engineer|someone|somebody|tech|anyone) (to )?(come|visit|come out|come over|come by|swing by|drop by)/,
  /(tech|technician|engineer) (comes|is coming|visits|gets here|arrives)/,
  /come (out|over|by) (to|and)/,
  /tecnicos?/,
  /visita/,
  /desplaz\w*/,
  /mand(ar|ad|en|eis) a alguien/,
  /envi(ar|ad|en) a alguien/,
  /venga alguien/,
  /puede venir alguien/,
  /(viene|vienen|vendra|vendran|venga|vengan|vengais|venir|pasar|pasara|pasan) a (instalar|cambiar|revisar|arreglar|reparar|montar|sustituir|reemplazar)/,
  /(come|coming|comes) (out )?(to|and) (install|replace|fix|repair|swap|fit|mount)/,
]);
/** "soporte técnico" is tech support, not a technician. */
export const NOT_ONSITE =
  /\b(soporte|servicio|problema|equipo|detalles?|asistencia|fallo|informe) tecnico|\b(technician|tecnico|engineer) (\w+ )?(said|asked|told|wanted|requested|pidio|dijo|comento|confirmo|solicito|sugirio)\b|\b(pidio|dijo|comento|solicito|sugirio|asked|said|told)( \w+)? (el|the) (tecnico|technician|engineer)\b/g;

/** A ticket with the cloud partner: ask to open, check, chase, or bring the partner in. */
export const PARTNER_TICKET_REF =
  /\b(partner (ticket|case)|(microsoft|ms|zoom|google|webex|their)('?s)? (support )?(ticket|case|incident ticket|ticket number|case number)|(ticket|case|caso|incidencia) (with|con|de|en|at|to|for) (microsoft|zoom|google|webex|them|ellos)|(open|opened|create|raise|file|log|submit) (a |an |the )?(ticket|case) (with|on|at) |abr(e|a|ir|id|an|ais|eis) (un|una|el|la) (ticket|caso|incidencia|solicitud) con|numero de ticket de)/;
export const PARTNER_BRING_IN = wordUnion([
  /(bring|get|add|invite|loop|pull|include|involve|meter|anadir|anadid|invitar|invitad|incluir|traer) (in )?(the |a |an )?(microsoft|zoom|google|webex|them|their|los|las|al|a los)('?s)?( \w+)?( (engineers?|support|team|people|folks|ingenieros?|soporte))?/,
  /joint (call|session|meeting)/,
  /llamada conjunta/,
  /reunion conjunta/,
  /get them on/,
  /their engineers?/,
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

/** Wants devices registered, or asks whether one is. */
export const REGISTER = wordUnion([
  /(register(ing)?|registr(ar|arlo|arlos|arla|arlas|ad|adlos|adlas|en|enlos|eis|e|o)|(dar|dad|den|damos|doy|da|das|dan) de alta|dar el alta)( (please|pls|por favor))?( (these|this|those|them|the|my|our|it|all|new|both|\d+|\w+ serials?|devices?|units?|equipos?|estos|estas|los|las|la|el|varios|un|una|[a-z]{2,4}\d?[- ]?\d+))/,
  /(registered|registrad[oa]s?)( (to|under|in|on|a|en|con|at))? (us|our|my|nuestr\w*|the org|the company|nombre)/,
  /registration/,
  /dad[oa]s? de alta/,
  /(is|are|isn'?t|esta|estan) [\w-]+ (already )?(on|in|under|added to|en) (our|the|nuestro|el) (contract|account|org\w*|company|contrato|cuenta)/,
  /(please|pls|can you|could you|want to|need to|how (do|can) (i|we)|quiero|queremos|necesito|como) (\w+ ){0,2}(register|registrar|registro|(dar|damos|doy|da) de alta)/,
  /onto (our|the) (contract|account)/,
  /(add|assign|attach|link|put|tie|bind|associate) ([\w-]+ ){1,4}(to|onto|under|with) (our|my|the)( [\w-]+)? (contract|org|organi[sz]ation|account|company|tenant)/,
  // "¿está registrada la NB3-... a nombre de...?", "is NC4-... registered?"
  /(esta|estan|is|are) (\S+ ){0,8}(registrad[oa]s?|registered)/,
]);
/** Device registration to a service or a failure, not product registration. */
export const REGISTER_NOT =
  /\b(can'?t|cannot|won'?t|never|fails? to|failed to|unable to|doesn'?t|does not|not|no se|no)\s+(\w+\s+)?regist|regist\w* (to|with|in|on|en|con) (the )?(webex|zoom|teams|google|microsoft|control hub|call server|sip|server|cloud|centralita|meet)|(dar|damos|doy|da|dad) de alta a (un|una|mi|los|las)? ?(usuario|companero|persona|empleado)\w*|alta (de|a) (usuarios?|personas?)|registration (service|server|status|fail\w*|error|issue|problem)|(sip|webex|cloud|device|control hub) registration/;

/** Licences, contracts, warranty, plans: the topic of license_lookup. */
export const LICENSE_TOPIC = wordUnion([
  /licen[cs]e[sd]?/,
  /licen[cs]ing/,
  /licencias?/,
  /entitlements?/,
  /contracts?/,
  /contrato/,
  /warrant(y|ies)/,
  /garantia/,
  /covered/,
  /coverage/,
  /cubre/,
  /cubierto/,
  /cobertura/,
  /(support|premium|standard|basic|enterprise|our|which|the) (plan|tier)/,
  /premium support/,
  /standard support/,
  /support (contract|level|plan|tier)/,
  /soporte premium/,
  /plan (premium|estandar|standard)/,
  /subscriptions?/,
  /suscripcion/,
  /seats?/,
  /renew(al|ed|s)?/,
  /renovacion/,
  /expir(e|es|y)/,
  /caduca/,
  /vence/,
  /vencimiento/,
  /discount/,
  /descuento/,
  /professional services/,
  /servicios profesionales/,
  /24x7/,
  /24\/7/,
  /business hours/,
  /horario laboral/,
  /sla/,
  /sku/,
]);

/** Asks what a plan or contract includes: "does premium support include advance replacement?". */
export const COVERAGE_QUESTION =
  /\b(does|do|is|are|will|would)\b.{0,40}\b(include|includes|included|cover|covers|covered|entitled)\b|\b(incluye|incluyen|cubre|cubren|cubiert[oa]s?)\b/;

/** Versions, releases, downloads, update planning: the topic of software_update. */
export const SOFTWARE_TOPIC = wordUnion([
  /firmware/,
  /fw/,
  /safe to (deploy|install|push|roll out|update)/,
  /software (version|update|release)/,
  // "release" as a noun of software, not "release the room".
  /versions?/,
  /release notes?/,
  /(new|newer|latest|next|current|last|firmware|software|stable|beta|\d+(\.\d+)+) releases?/,
  /releases? (date|notes|schedule|cycle)/,
  /changelog/,
  /download/,
  /descarg\w*/,
  /up to date/,
  /up-to-date/,
  /outdated/,
  /latest (firmware|version|software|update|release)/,
  /new(er|est)? (firmware|update|version|release)/,
  /updates? (available|out|pending)/,
  /(should|do|must|need to) (i|we) (update|upgrade)(?! (the |my |our )?(name|names|settings?|password|calendar|address|contact|info\w*|details|layout|room name))/,
  /(schedule|plan|push|roll out|deploy) (the |an |our )?(firmware )?(updates?|upgrades?)(?! (the |my |our )?(name|names|settings?|password|calendar|address|contact|info\w*|details|layout))/,
  /update (to|from) \d/,
  /actualiz(ar|arla|arlo|acion|aciones)/,
  // "¿está actualizada la Tap 10?", "¿están al día las barras?"
  /(esta|estan|estara|estaran) (\w+ ){0,3}(actualizad[oa]s?|al dia)/,
  /(ultima|nueva) (version|actualizacion|firmware)/,
  /versiones?/,
  /parches?/,
  /patch/,
]);

/** A question about how to use, set up or find something. */
export const HOW_TO = wordUnion([
  /how (do|can|to|should|would|does|did|much|many|long|far)/,
  /where('s| (do|can|is|are|should))/,
  /what'?s the (best|right|recommended|max|maximum|minimum|difference|process|procedure|way|range|pickup)/,
  /what is the (best|right|recommended|max|maximum|minimum|difference|process|procedure|way)/,
  /what does (it|the|a)/,
  /is (it|there) (possible|a way|any way|a guide)/,
  /(can|could) (i|we|you|the|a|it|one)/,
  // Only a question opens with "does": "the room s does this every time" is a statement.
  /(?<=(^|[.!?¿:;,(] ?|\b(why|so|and|but|also) ))does (the|a|it|this)/,
  /do (i|we|you) need/,
  /which (one|model|docs|doc|firmware|ports?|settings?)/,
  /any (way|guide|docs?)/,
  /guide/,
  /documentation/,
  /manual/,
  /tutorial/,
  /como (se|puedo|hago|podemos|configuro|activo|cambio|conecto|registro|doy|damos)/,
  /donde (se|esta|encuentro|veo|puedo|descargo)/,
  /(^|¿ ?)(se puede|es posible|puedo|podemos)/,
  /hay (alguna|una) (forma|manera|guia)/,
  /que (diferencia|necesito)/,
  /cual es (la|el)/,
  /recomend\w*/,
]);

/** Off-topic subjects with no support question (intent "other"). */
export const OFF_TOPIC = wordUnion([
  /lunch/,
  /dinner/,
  /breakfast/,
  /cafeteria/,
  /canteen/,
  /restaurant/,
  /pizza/,
  /weather/,
  /rain/,
  /raining/,
  /snow/,
  /forecast/,
  /llover/,
  /lluvia/,
  /flights?/,
  /vuelo/,
  /hotel/,
  /taxi/,
  /uber/,
  /airport/,
  /aeropuerto/,
  /expense/,
  /expenses/,
  /reimburse\w*/,
  /payroll/,
  /salary/,
  /nomina/,
  /vacation/,
  /vacaciones/,
  /holidays?/,
  /pto/,
  /sick leave/,
  /parking/,
  /aparcamiento/,
  /joke/,
  /chiste/,
  /game last night/,
  /who won/,
  /partido/,
  /stock price/,
  /share price/,
  /bitcoin/,
  /crypto/,
  /lottery/,
  /dentist/,
  /doctor/,
  /gym/,
  /birthday/,
  /cumpleanos/,
  /huelga/,
  /traffic/,
  /trafico/,
  /movie/,
  /pelicula/,
  /recipe/,
  /receta/,
  /passwords?/,
  /contrasena/,
  /click here/,
  /free \w+ bonus/,
  /prize/,
  /winner/,
  /casino/,
  /team meeting/,
  /reunion de equipo/,
  /team lunch/,
  /restaurantes?/,
  /(can|could) (you|someone|somebody) (please )?(book|reserve) (me |us )?(a|the)\b/,
  /(reserva(r|d|me|nos)?) (la|una) sala/,
  /offsite party/,
  /address of/,
  /opening hours/,
  /comedor/,
  /(a )?que hora (abre|abren|cierra|cierran)/,
  /what time does (the )?\w+ (open|close)/,
  /direccion de la oficina/,
  /de comer/,
  /comida/,
  /almuerzo/,
  /menu del dia/,
  /plants/,
  /plantas/,
  /water the/,
  /cleaning/,
  /limpieza/,
  /coffee machine/,
  /cafetera/,
  /fridge/,
  /nevera/,
  /keys/,
  /llaves/,
  /wallet/,
  /cartera/,
  /umbrella/,
  /paraguas/,
  /lost and found/,
  /objetos perdidos/,
]);
/** Personal or non-vendor devices: off-topic when no vendor device is involved. */
export const OTHER_DEVICE = wordUnion([
  /laptop/,
  /laptops/,
  /iphone/,
  /ipad/,
  /airpods/,
  /android/,
  /printer/,
  /impresora/,
  /movil/,
  /mobile phone/,
  /personal phone/,
  /outlook/,
  /excel/,
  /windows/,
  /mac/,
  /vpn/,
  /monitor/,
  /keyboard/,
  /mouse/,
  /teclado/,
  /raton/,
  /portatil/,
  /webcams?/,
  /tablets?/,
]);
/** Test messages and keyboard noise. */
export const NOISE = /^(test|testing|ping|prueba|probando|lol|lmao|haha+|jaja+|ok|okay|k|\.|\?|asdf\w*|qwert\w*|hmm+|xd|sdf\w*)$/;

/** Words for greeting, thanks and asking what the bot does; a message made only of these is greeting_help. */
export const GREETING_WORDS = new Set(
  (
    "hi hello hey hiya yo howdy morning afternoon evening good day there all everyone folks team guys bot bots " +
    "thanks thank thx thanx thnx tks u ty cheers many much so very a lot appreciate appreciated it for the help helping earlier " +
    "sorting that out yesterday today again your support great service job work you awesome " +
    "what can do does this is are real person human or an anyone here how help me with what's whats up doing " +
    "quick question q pregunta rapida una duda muy amable kind helped helpful perfect who " +
    "please pls i i'm im new need some can't could hola buenas buenos dias tardes noches gracias muchas mil " +
    "que puedes haces hacer ayudar ayuda ayudas en me eres un una persona real alguien ahi hay saludos tal todo " +
    "bien equipo de nuevo por la el lo to northwind devices assistant asistente"
  ).split(" "),
);
/** Asks what the bot can do. */
export const META_HELP = wordUnion([
  /what (kind of |sort of )?(things|stuff)? ?(can|could) (you|this bot|the bot|u) (do|help)/,
  /what do you do/,
  /how can you help/,
  /what are you for/,
  /que (cosas )?(puedes|podeis|sabes) hacer/,
  /en que (me )?(puedes|podeis) ayudar/,
  /para que sirves/,
]);
/** At least one of these makes a short message a greeting rather than noise. */
export const GREETING_CORE = wordUnion([
  /hi/,
  /hello/,
  /hey/,
  /hiya/,
  /yo/,
  /howdy/,
  /good (morning|afternoon|evening|day)/,
  /morning/,
  /thanks/,
  /thank/,
  /thx/,
  /ty/,
  /cheers/,
  /appreciate\w*/,
  /help/,
  /bot/,
  /hola/,
  /buenas/,
  /buenos/,
  /gracias/,
  /ayuda/,
  /ayudar/,
  /saludos/,
  /what can/,
  /que puedes/,
  /eres/,
  /anyone there/,
  /alguien ahi/,
]);
