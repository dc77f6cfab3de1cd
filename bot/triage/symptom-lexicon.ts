/**
 * Symptom lexicon: phrases that say something is wrong now, per category, with a weight, in
 * English and Spanish (folded text). A symptom both makes a message a problem report and points
 * at the category; phrases are written as word-level patterns, not copies of messages.
 */
import type { Category } from "./types.ts";
import { wordUnion } from "./patterns.ts";

/** A category, the phrases that signal it, and how much one match counts. */
export type Weighted = readonly [Category, RegExp, number];

/**
 * The same failure on laptops or phones: the taxonomy's tie-break puts the problem in the
 * partner's service. Exported because the category rules weigh it again against device symptoms.
 */
export const SAME_ON_OTHER_DEVICES = wordUnion([
  /(laptops?|phones?|mobiles?|chromebooks?|browser|desktop client|celulares|portatil(es)?|moviles|navegador)( \w+){0,2} (too|as well|also|either|fail|fails|have the same|show the same|can'?t|tambien|tampoco)/,
  /also (on|from|happens on) (laptops?|phones?|the laptop)/,
  /same (on|from|in|with) (laptops?|the laptop|phones?|a laptop)/, /same (account )?fails on a laptop/,
  /same (bug|error|issue|failure) (appears )?(in|on) the/, /tampoco funciona/, /tambien (desde|en) (los|el)/,
  /pasa lo mismo/, /tambien falla/
]);

/** Every symptom family; a message scores each family at most once. */
export const SYMPTOMS: readonly Weighted[] = [
  // Physical faults.
  ["hardware_failure", wordUnion([
    /no power/, /won'?t (power|turn|switch) (on|up)/, /doesn'?t (power|turn|switch) on/,
    /does not (power|turn|switch) on/, /not (powering|turning|switching) on/, /will not (power|turn|boot)/,
    /won'?t (boot|start|light up)/, /no (lights?|leds?)( at all)?/,
    /(completely|totally|basically|seems|looks|is|are|now|stays|just) dead/, /died/, /dies/, /dying/,
    /(to|started|starting|keeps?|about to) die/, /shut(s|ting)? (itself )?(down|off)/, /(under|over)-?voltage/,
    /dead (unit|speaker|speakers|mic|mics|on arrival)/, /shut (itself|down) (off|on its own)/, /shut itself off/,
    /shuts down/, /no enciende/, /no se encienden?/, /no arranca/, /no prenden?/, /no (se )?quiere prender/, /no da (tono|senal|imagen)/, /muert[oa]s?/,
    /apagad[oa]s?/
  ]), 3],
  ["hardware_failure", wordUnion([
    /scratch(ed|es)?/, /scuff\w*/, /dent(ed)?/, /aranaz\w*/, /rayad[oa]/, /marca/, /se fue la luz/,
    /power (cut|outage|failure|surge)/, /apagon/, /corte de (luz|corriente)/,
    /(ningun[oa]?|none|nada) .{0,40}(enciende|arranca|powers? on)/, /burnt/, /burned/, /burning/, /smells?/, /smoke/,
    /melted/, /sparks?/, /cracked/, /shattered/, /snapped/, /broke off/,
    /broken (port|screen|lens|hinge|connector|button|key|mount|cable|plug|jack|case|housing|off)/,
    /physically (broken|damaged)/, /spill(ed)?/, /spilt/, /soaked/, /flooded/, /water (damage|leak)/, /liquid/,
    /coffee (on|in|over|all over|spill\w*|got|went)/, /(spilled|spilt|dropped|knocked) (\w+ ){0,3}(coffee|tea|water)/, /tea on/, /rained on/, /got wet/, /despegad[oa]s?/, /descosid[oa]s?/, /dropped(?! (off|out|from|calls?|connections?|meetings?|packets?|the (call|connection|network|wifi|meeting)))/, /fell/, /fall(en)? off/, /knocked/, /got hit/, /hit it/, /bent/, /frayed/,
    /chewed/, /torn/, /ripped/, /peeling/, /came off/, /coming (loose|off)/, /rattl\w*/, /grinding/,
    /clicking (noise|sound)?/, /motor/, /(loud|noisy) fan/, /fan (noise|is (really |very )?loud|has become)/,
    /overheat\w*/, /(very|super|too|really) hot/, /gets (very |really )?hot/, /whin(e|ing)/, /wiggl\w*/, /loose/,
    /wobbl\w*/, /sticky/, /stuck down/, /dead pixels?/, /backlight/, /quemad[oa]/, /huele a quemado/, /humo/,
    /rot[oa]s?/, /rajad[oa]/, /mojad[oa]s?/, /inund\w*/, /se (nos )?cayo/, /golpe/, /suelt[oa]/, /floj[oa]/,
    /ruido (raro|del motor|mecanico)/, /se calienta/, /caliente/, /parpadea/
  ]), 3],
  ["hardware_failure", wordUnion([
    /(leds?|lights?|indicators?) ([\w]+ ){0,6}(stuck|stays? (on|off|red|lit)|won'?t (turn|go) off|blinks? (red|orange))/,
    /(crackles?|crackling|cuts out|buzz\w*) when (i|you|we|someone) (move|touch|wiggle|bend|press|turn)/,
    /doesn'?t charge/, /does not charge/, /not charging/, /no carga/, /no cargan/, /charge at all/,
    /battery (only lasts|lasts only|drains|died|dead|is dead|doesn'?t hold|won'?t hold|swollen)/,
    /only (charges|works) when/, /not (detected|recogni[sz]ed)/, /no longer (detected|recogni[sz]ed)/,
    /no la reconoce/, /no lo (detecta|reconoce)/,
    /(buttons?|keys?|keypad|touch ?screen|screen) (don'?t|do not|doesn'?t|does not|is|are) (respond|work|totally unresponsive|unresponsive)/,
    /unresponsive/, /no responde al tacto/,
    /(mic|mics|microphone|speaker|speakers) (picks? up nothing|seems dead|is dead|are dead|dead)/,
    /no sound (at all|comes out)/, /(doesn'?t|does not|won'?t|no longer) pick up (my voice|anything|any sound|sound|audio|us|me)/, /totally silent/, /no video( output| at all)?/, /black (frame|image|picture|feed)/, /no dial tone/, /stays black/,
    /black screen/, /no picture/, /no image/, /won'?t (pan|tilt|move)/, /doesn'?t move/, /no se mueve/,
    /stuck pointing/, /points at the (floor|ceiling)/, /no se ve nada/
  ]), 2],
  // Firmware and software.
  ["firmware_software", wordUnion([
    /(after|since) (the |our |a |this |last |last night'?s |yesterday'?s |the latest |the last |the recent |the new |an |today'?s |the overnight )?(\S+ ){0,4}(firmware|software|fw|update|upgrade|release|version|patch)/,
    /(after|since) (updating|upgrading|the update|we updated)/, /(firmware|fw|version) \d+(\.\d+)+ (broke|broken)/,
    // "after 5.5", "desde la 8.3": a bare version number is an update; clock times are not.
    /(after|since|desde|tras) (the |la |el |upgrading to |updating to |moving to |going to )?(v|version |fw |firmware )?\d+\.\d+(\.\d+)*(?! ?(am|pm|h|hrs|horas|this|today|tonight|cet|utc|gmt))/,
    /update (failed|broke|bricked|tool crashed)/, /(update|upgrade|actualizacion)[^.]{0,40}\b(stopped|stuck|hung|froze|died) at \d{1,3}(?= ?%)/, /failed (update|upgrade)/, /bricked/,
    /(update|upgrade|actualizacion)[^.]{0,40}\b(failed|fallo|crashed|interrupted|broke)/,
    /desde (la|el) (ultim[oa] |nuev[oa] )?(actualizacion|update|version|firmware)/,
    /tras (la )?(actualiz\w*|actualizar)/, /despues de (la )?actualiz\w*/, /se actualizo/,
    /actualizacion (fallo|fallida)/, /fallo la actualizacion/, /fall(o|a) a la mitad/, /actualizando firmware/
  ]), 3],
  ["firmware_software", wordUnion([
    /boot ?loop/, /reboot(ing)? (loop|in a loop)/, /restart(ing)? loop/, /in a loop/,
    /keeps (rebooting|restarting|crashing|freezing|resetting)/, /reboots/, /restarts (itself|every|randomly)/,
    /randomly reboots/, /kernel panic/, /se (tilda|tildo|tildan|traba|trabo|traban)/,
    // Stuck on a progress step: "stuck at 'applying configuration 0%'".
    /stuck (on|at|in) (the )?["']?\w+ing\b/, /(applying|installing|loading|preparing|starting|initializing|aplicando|instalando|cargando|iniciando) [\w ]{0,25}\d{1,3}(?= ?%)/, /recovery mode/, /dfu/, /crash\w*/, /freez(e|es|ing)/, /froze/, /frozen/,
    /hangs/, /hung/,
    /stuck (on|at|in) (the )?["']?(logo|boot|loading|splash|initializ\w*|preparing|updating|rolling|setup|\S+ logo)/,
    /stuck rolling back/, /rolling back/, /not responding/,
    /app (won'?t|doesn'?t|does not|will not) (start|launch|open|load)/, /won'?t start/, /error (code )?0x[0-9a-f]+/, /error code/, /err_\w+/,
    /0x[0-9a-f]{3,}/, /exception/, /fatal error/, /service host/, /bucle/, /se reinicia (sola|solo|cada)/,
    /se cuelga/, /colgad[oa]/, /se queda (colgad|en)/, /se cierra sola/, /se bloquea/, /lags/, /lag\b/,
    /slow to respond/, /tarda (mucho|muchisimo|casi)/, /lent[oa]s/
  ]), 2],
  // Network connectivity of the device.
  ["network", wordUnion([
    /offline/, /no network/, /ntp/, /udp/, /tcp/, /(port|ports) \d+/, /\d+ (is )?blocked/,
    /ports? (blocked|opened|closed)/, /(?<!no )packet loss/, /lost (network|connection|connectivity|its ip)/,
    /los(es|ing) (the )?(network|connection|connectivity|wifi|its ip)/, /network (drops|issue|problem|is down)/,
    /no ip/, /gets? an ip/, /(can'?t|cannot|doesn'?t|does not|won'?t|never) (get|gets|obtain|pull) (an )?ip/,
    /169\.254/, /dhcp/, /(drop(s|ped|ping)?|fell|falls?|falling) (off|out of|from) the (wifi|wi-fi|network|lan|vlan)/,
    /no (connection|connectivity)( (to|with) (the )?\w+)?/,
    /disconnects? from the (wifi|network)/,
    /(can'?t|cannot|unable to|doesn'?t|does not) (reach|resolve|connect to the (network|internet|proxy|wifi))/,
    /unreachable/, /not reachable/, /time ?outs?/, /timed out/, /times out/, /captive portal/, /no internet/,
    /blocked by (the |our )?(firewall|proxy)/, /(firewall|proxy) (change|rules|blocks|drops)/, /802\.1x/, /(ssl|tls|deep packet|https) inspection/,
    /certificate (rejected|invalid|error)/, /authenticat\w* (fail|error)/, /fails? to authenticat\w*/,
    /can'?t authenticate/, /ping (fails|times out)/, /link (light|negotiation)/, /sin (red|ip|internet|conexion)/,
    /no tiene (red|conexion|ip)/, /pierde la red/, /perdi\w* (la )?red/, /se desconecta de la (wifi|red)/,
    /no coge ip/, /no conecta (al|a la) (proxy|red|wifi)/, /no resuelve/, /sin servicio/, /fallo de autenticacion/,
    /autenticacion/, /(no|ningun\w*) .{0,40}(sale|salen|conecta\w*|llega\w*) a internet/,
    /cambi\w* (el|de|los) (proxy|firewall|switch)/, /(proxy|firewall|vlan) (change|cambio)/
  ]), 3],
  // Partner-side problem: the partner confirms it, or it happens on laptops and phones too.
  ["cloud_partner", wordUnion([
    /(microsoft|zoom|google|webex|they|partner|their support|zoom support|webex support|microsoft support|google support) (say|says|said|confirm\w*|told|report\w*|acknowledg\w*|publish\w*|posted|has an? (open )?(incident|advisory|outage)|is (looking|rolling)|are (looking|rolling))/,
    /status (page|dashboard)/, /service (health|degraded|degradation|status)/, /admin cent(er|re)/, /message cent(er|re)/,
    /(is|are|they'?re|they are|están|esta) (investigating|looking into it|investigando)/,
    /(major |partial )?outage/, /incident/, /advisory/, /known issue/, /on their (side|end)/,
    /their (side|end|cloud|service|token)/, /de su lado/, /en su lado/, /por su parte/,
    /problema de (microsoft|zoom|google|webex)/, /(una|la) incidencia/, /incidente/, /una caida/
  ]), 3],
  ["cloud_partner", SAME_ON_OTHER_DEVICES, 3],
  ["cloud_partner", wordUnion([
    /tenant/, /conditional access/, /account (\w+ ){0,3}(can'?t|cannot) (be )?sign(ed)? in/, /password (has )?expired/, /acceso condicional/, /aadsts\w*/, /sign[- ]?in (blocked|error|failed|fails)/,
    /account (has been |is |was )?(disabled|locked|blocked)/, /(locked|blocked|disabled) by (the |your |an? |our )?admin\w*/,
    /cuenta( de (teams|zoom|google|meet|webex|microsoft))? (esta |ha sido )?(bloquead|desactivad|deshabilitad)\w*/, /bloquead\w* por el administrador/, /token (service|issue)/, /exchange online/,
    /(teams rooms|zoom rooms?|meet)( pro)? licen[cs]e/, /licencia de (teams|zoom)/, /(m365|microsoft 365) admin/,
    /calendar sync (failed|is delayed|delayed)/, /disabled by your (account )?admin/
  ]), 3],
  // Set up wrong while working.
  ["configuration", wordUnion([
    // A clock off by whole hours is a time-zone or daylight-saving setting.
    /(\d+|one|an|una) hours? (behind|ahead|off|late|early|out|atrasad\w*|adelantad\w*|de mas|de menos)/,
    /dst|daylight sav\w*|summer time|horario de verano|cambio de hora/, /wrong (time|clock)/, /hora (equivocada|incorrecta)/,
    /wrong (default|mic|microphone|camera|speaker|room|name|time ?zone|timezone|language|account|resource account|calendar|server|address|sip|mode|resolution|input|output|layout|extension|display|position|positions|seats?|calendar|one)/,
    /set (up )?(to|as) (the )?(wrong|utc|720p)/, /misconfigured/, /provisioned (with|wrong)/,
    /someone (changed|must have changed|switched|set|left|mixed|moved|forgot)/,
    /somebody (changed|switched|set|mixed)/, /who(ever)? set (it )?up/, /left (the|it) (on|in|at)/,
    /paired (to|with) (the )?(wrong|room next door|another)/, /mixed up/,
    /keeps (using|picking|launching|connecting to|routing|booting into|joining|sending|putting)/,
    /even though (we|i|someone) (set|configured|selected|changed|chose|picked|lowered|raised)/,
    /(still |always )?(uses?|using|picks?|selects?) the (built-?in|internal|default|wrong|other|old) (camera|mic|microphone|speakers?|display|screen|input)/,
    /(uses?|using|usa|usan|picks?|coge|cogen|selects?|elige) (\S+ ){1,5}(instead of|en vez del?|en lugar del?)/,
    /(output|audio|sound|ringing|rings?|suena|sonido) (still |always |siempre )?(goes|plays|comes out|routes?|sale|va) (to|through|out of|por) (the |el |la |los )?(laptop|pc|computer|wrong|other|tv|display|screen|portatil|ordenador|pantalla)/,
    /sigue (usando|eligiendo|cogiendo|saliendo)/, /with the (mic|camera|video|microphone) (muted|off|disabled)/,
    /(since|after) (we|someone|they|somebody) (reconfigured|changed the (settings?|config\w*))/,
    /desde que (reconfiguramos|cambiamos la configuracion|alguien cambio)/, /reconfigur\w*/,
    /(comes|came|boots) up in/, /point(s)? to the old/, /points at the wrong/,
    /apuntan? a (sitios|lugares) equivocados/, /equivocad[oa]s?/, /mal configurad\w*/, /alguien cambio/,
    /(sale|esta|aparece) en ingles/, /tiene mal/
  ]), 3],
  ["configuration", wordUnion([
    /instead of/, /in place of/,
    /(picture|image|video|imagen|camera|camara) (is |are |looks |se ve |sale )?(upside down|flipped|inverted|al reves|invertid[oa]|boca abajo)/, /is set to/, /configured (as|with|to)/, /provisioned/, /template/, /by default/,
    /default (camera|mic|speaker|is)/, /mirror(ed)?/, /time ?zone/, /timezone/, /one hour off/, /picking the/,
    /routing/, /re-?pair\w*/, /dual screen mode/, /en vez del?/, /en lugar del?/, /por defecto/, /zona horaria/,
    /(date|time) format/, /formato (de fecha|de hora|americano)/, /room name/, /lowercase/, /wallpaper/,
    /fondo de pantalla/, /language/, /idioma/
  ]), 1.5],
  // Works, but quality is bad.
  ["audio_video_quality", wordUnion([
    /(video|image|picture|imagen|feed) ([\w-]+ ){0,4}(freezes|freezing|froze|stutters|se congela)/,
    /(echo(?! cancel))/, /eco\b(?! cancel)/, /hear (themselves|ourselves|itself|their own|myself)/,
    /oyen su propia voz/, /choppy/, /entrecortad[oa]/, /robotic/, /robotico/, /metallic/, /metalico/, /tinny/,
    /garbled/, /distort\w*/, /crackl\w*/, /cuts? (in and )?out/, /cutting out/, /drops? out/, /cuts the/, /walkie/,
    /(too|very|super|way too|really|so) quiet/, /low volume/, /volume is (too |very )?low/, /barely hear/,
    /can barely be heard/, /have to shout/, /muy bajo/, /bajito/, /gritar/, /humm?ing/,
    /(low |constant |background )?hum\b/, /buzz/, /buzzing/, /zumbido/, /hiss\w*/, /siseo/,
    /static (noise|sound|on)/, /pitido/, /whistl\w*/, /audio feedback/, /keyboard noise/, /background (noise|buzz)/,
    /noise(?! cancel| suppress| reduc)/, /(?<!cancelacion de |reduccion de )ruido/, /reverb/, /bathroom/, /hollow/,
    /delay/, /retardo/, /retraso/, /laggy/, /latency/, /out of sync/, /lip ?sync/, /desincroniz\w*/, /blurry/,
    /borros[oa]/, /grainy/, /noisy/, /pixelat\w*/, /pixelad[oa]/, /washed out/, /(very |too |goes |looks )dark/,
    /oscur[oa]/, /overexposed/, /underexposed/, /out of focus/, /goes soft/, /enfoca mal/, /desenfoc\w*/,
    /stutter\w*/, /slow motion/, /se congela/, /congela/, /(flickering|looks?|tint|cast) green/, /green (tint|cast)/,
    /colou?rs? (look|are) (off|wrong|green|washed)/, /(keeps|kept) zooming/,
    /zooms (in and out|constantly|randomly)/, /framing (jumps|keeps|is off|misbehav\w*|cuts)/, /jumps around/,
    /corta la cabeza/, /seasick/, /blur/
  ]), 3],
  // Wider vocabulary, one theme per line.
  ["hardware_failure", wordUnion([
    /(is|are|went|gone|stays|goes) (completely |totally )?dark/, /(shows?|showing|displays?|displaying) nothing(?! else| new| more| different)/,
    /ruido (de|del) (ventilador|motor)/, /chipped/, /(small|tiny|little) (chip|crack)/, /chasquidos?/, /popping/, /(a|loud) (pop|bang)/, /rasgu[nñ]os?/, /sin (encender|prender|arrancar)/, /se apaga (sol[oa]|a los|tras|despues|cada|de repente)/,
    /(fan|ventilador|motor) ([\w]+ ){0,6}(loud|loudly|noisy|noise|ruido|suena|whin\w*|rattl\w*|clicks?|clicking|grinds?|squeaks?|squeal\w*|hace (clic|click))/,
    /stopped (powering|turning|switching) (on|up)/, /stopped (charging|booting)/,
    /dejo de (encender|cargar|arrancar)/,
    /(ring|knob|dial|button|buttons|key|keys|slider|rocker|volume wheel|tecla|teclas|boton|botones|rueda) ([\w-]+ ){0,3}(skips?|sticks?|stuck|jammed|loose|broken|wobbl\w*|spins freely|does nothing|doesn'?t do anything|don'?t do anything|atascad[oa]s?|pegad[oa]s?|no hacen? nada)/,
    /dead on arrival/, /\bdoa\b/, /arrived (broken|damaged|dead|cracked)/, /damaged in (shipping|transit)/,
    /llego (rot[oa]|dañad[oa]|danad[oa])/,
    /(headband|earcup|ear cup|ear cushion|boom( arm| mic)?|(mic|microphone) (arm|boom)|hinge|stand|clip|diadema|almohadilla|brazo del microfono)( \w+){0,3} (broke|broken|snapped|cracked|came off|rot[oa]|partid[oa])/,
    /se (le |les )?ha(n)? roto/, /(se|esta) (ha )?(partido|rajado|doblado)/,
    /(speaker|speakers|altavoz) (is |are )?(blown|rattling|distorted at any volume)/, /ghost touch\w*/,
    /touch(screen)? (is )?(dead|unresponsive|not responding)/, /no da senales de vida/, /olor a quemado/, /swollen/,
    /hinchad[oa]/, /se apago sol[oa]/
  ]), 3],
  ["firmware_software", wordUnion([
    /keeps (asking|prompting|telling|nagging|saying|showing|popping)/,
    /(service|app|process|daemon|software|module) (\w+ )?(failed|fails) to (start|load|launch|initiali[sz]e)/,
    /failed to (start|load|launch)/, /never finish\w* (loading|booting|starting|the setup)/, /error [a-z]{0,3}-?\d{2,}/,
    /tarda (un|una|\d+|casi|mucho) ?(minutos?|segundos?|rato)? en (arrancar|encender|responder|iniciar)/,
    /takes (a minute|minutes|forever|ages) to (boot|start|respond)/, /bug/, /glitch/,
    /software (issue|problem|fault)/, /ui (is )?(laggy|slow|frozen)/,
    /(menu|menus|interface|screen|ui) (is |are )?(frozen|unresponsive|not responding)/,
    /settings (are )?(lost|reset|wiped) (after|on|every)/, /factory resets? (itself|on its own)/,
    /app (keeps )?(closing|closes)/, /se queda (pillad[oa]|en la pantalla de carga|cargando)/, /pantalla de carga/,
    /error (del|de) (software|firmware|sistema)/, /fallo de (software|firmware)/
  ]), 3],
  ["network", wordUnion([
    /(ningun\w*|none|no) ([\w]+ ){0,6}(tiene|tienen|has|have|gets?) (an? )?(red|network|conexion|internet|ip)/,
    /cambi\w* (el|de|los) router/, /router (change|cambio|died|failed)/,
    /(lose|loses|losing|lost|drops?|dropping|dropped) (the |their |its |our )?(network|connection|connectivity|wifi|wi-fi|link|ip|lan)/,
    /(re)?connects? (again )?(after|on its own)/, /goes offline/, /went offline/, /(no|lost) (link|connectivity)/,
    /(can'?t|cannot|unable to|fails? to) (reach|contact|resolve|ping|get to) (the )?(server|cloud|portal|internet|gateway|proxy|dns)/,
    /(server|cloud|portal) (is )?(unreachable|not reachable)/,
    /(pierde|perdio|pierden|perdieron) (la )?(conexion|conectividad|red|wifi)/,
    /se (desconecta|cae) (de la red|del wifi|la red|el wifi)/, /se (le |les |nos )?(cae|cayo|va|fue|corta|corto) (la |el )?(conexion|red|wifi|internet)/, /sin (conexion|conectividad)/,
    /no (tiene|hay) (red|conexion|internet)/, /cortafuegos/, /bloquead[oa] por el (firewall|proxy|cortafuegos)/
  ]), 3],
  ["cloud_partner", wordUnion([
    /pagina de estado/, /estado del servicio/, /service health/,
    /(zoom|teams|meet|webex|microsoft|google) (is |esta |estan )?(down|caid[oa]s?|having (an )?(issues|problems|an outage))/,
    /(lo )?(confirma|confirmaron|ha confirmado|reconoce)/,
    /ni (las salas|los equipos|las teams rooms) ni (los|las) (portatiles|moviles|pcs|ordenadores)/,
    /(portatiles|moviles|ordenadores) tampoco/, /(signed|logged|kicked) out/, /sign[- ]?in (loop|prompt|page)/,
    /teams rooms pro/, /needs? (a )?(teams|zoom)( rooms)?( pro)? licen[cs]e/,
    /(teams|zoom|meet|webex) (account|licen[cs]e) (missing|expired|locked|disabled|not assigned)/
  ]), 3],
  ["configuration", wordUnion([
    /(with|has) the (mic|microphone|camera|video|speaker|sound) (turned |switched )?(muted|off|disabled)/,
    /always (starts|joins|boots|comes up|opens|powers on|turns on) (with|muted|without|in|at)/,
    /(resets?|reverts?|goes back|jumps back) to (the )?(default|max\w*|100|factory|full)/,
    /(arranca|empieza|se une|inicia|entra)( \w+){0,3} (siempre )?con (el|la) (microfono|micro|camara|video|sonido) (silenciad\w*|apagad\w*|desactivad\w*)/,
    /configurad[oa] con (otra|otro|el|la|una|un) /, /wrong extension/, /otra extension/,
    /(not|never) (set up|configured)/, /sin configurar/, /no esta configurad[oa]/,
    /(layout|screens?|displays?) (is |are )?(swapped|the other way( round)?|reversed|backwards)/, /al reves/,
    /(set|configured) (for|to) the wrong/
  ]), 3],
  ["configuration", wordUnion([
    /set (way |much |far )?too (high|low|loud|quiet)/, /(is|are|was) set (to|too|wrong)/, /paired (to|with)/,
    /(12|24) ?h(our)? (format|clock)/, /format\b/, /formato/, /layout/, /preferences?/, /we'?d (like|prefer)/,
    /queremos que/, /preferimos/
  ]), 1.5],
  ["audio_video_quality", wordUnion([
    /verdos[oa]/, /amarillent[oa]/, /(poco|sin|bajo) contraste/, /lavad[oa]/, /descolorid[oa]/, /low contrast/,
    /sounds? (like|as if)/, /suena (como|a)/, /como si (estuviera|estuvieramos|hablara|hablaramos)/,
    /(me|nos|le|les) oyen (mal|raro|lejos|bajo|como|fatal)/, /muffled/, /muddy/, /boomy/, /tunnel/, /underwater/,
    /sounds? far away/, /screech\w*/, /squeal\w*/, /howl\w*/, /clipping/, /harsh/, /echoey/, /acoples?/,
    /saturad[oa]/, /se (oye|escucha) (mal|fatal|bajo|lejos|cortad[oa])/,
    /(flicker\w*|banding|moire) (image|video|picture|under|with)/,
    /(image|video|picture|imagen) ([\w-]+ ){0,3}(flicker\w*|parpadea\w*|tiembla)/, /banding/, /blocky/, /artifacts/,
    /jerky/, /low (fps|frame ?rate)/, /a saltos/, /desfase/, /colores (raros|mal)/, /tint\b/, /white balance/, /(drifts?|shifts?|turns?|goes) (to |towards )?(blue|green|yellow|red|pink|purple|orange|magenta)/,
    /(too|very|way too) loud/, /volume (jumps|goes up and down)/, /one[- ]way audio/, /fad(e|es|ing) (in and out|out|away)/
  ]), 3],
  ["account_license", wordUnion([
    /(licen[cs]e|licence|licencia|subscription|suscripcion|plan|entitlement|trial|prueba)( \w+){0,7} (caduc\w*|expir\w*|vencio|ha vencido|ended|lapsed|termin\w*)/,
    /licen[cs]e expires? (in|soon|on|tomorrow|today)/, /activate (your|the)( \w+)? (subscription|license|licence)/, /licen[cs]e key (is |was )?(rejected|invalid|not accepted|refused)/,
    /(subscription|license|licence|licencia|suscripcion) (is |es )?(required|needed|necesaria)/,
    /(feature|function|funcion)\w* (locked|bloquead\w*)/, /requires? (a |an |the )?(premium|upgrade|higher plan)/,
    /requires? (a |an |the )?(active|valid|paid|current) (subscription|licen[cs]e|plan|entitlement)/,
    /requiere (el |un |una )?(plan|licencia|suscripcion)/
  ]), 3],
  // Spanish wordings not covered above.
  ["hardware_failure", wordUnion([
    /se (me |nos |le |les )?cay(o|eron)/, /cay(o|eron) al suelo/, /se (ha|han) roto/, /esta(n)? rot[oa]s?/, /no hay imagen/,
    /no se oye nada/, /no se escucha nada/, /no (da|hace) ni una luz/, /no responde el (boton|motor|tactil)/,
  ]), 3],
  ["firmware_software", wordUnion([
    /pantalla azul/, /blue screen/, /bsod/, /pantallazo/, /error (al|cada vez que) (arrancar|arranca|iniciar|inicia|encender|enciende)/,
    /actualizamos/, /actualice/, /actualizaron/, /(we|i) updated/, /error al actualizar/, /se bloquea/,
  ]), 3],
  ["network", wordUnion([
    /no (se )?conecta\w* (a|al|a la|con la|con el) (red|wifi|internet|proxy|servidor)/, /sin cobertura/, /no tiene internet/,
    /no (hay|tiene) conexion/, /se queda sin (conexion|red|wifi|internet)/,
  ]), 3],
  ["cloud_partner", wordUnion([
    /(el )?soporte de (microsoft|zoom|google|webex) (dice|confirma|ha dicho|ha confirmado)/, /(microsoft|zoom|google|webex) (dice|confirma|ha confirmado|reconoce)/,
    /es cosa suya/, /es cosa de (microsoft|zoom|google|webex)/, /es problema suyo/, /cuenta (desactivada|bloqueada|deshabilitada)/,
    /publicado una incidencia/, /ha publicado/,
  ]), 3],
  ["configuration", wordUnion([
    /emparejad[oa] con (la|el|otra|otro|una|un)/, /(la )?configuracion (esta|estaba) mal/, /esta (mal )?configurad[oa] (para|con|como)/,
  ]), 3],
  ["audio_video_quality", wordUnion([/granulad[oa]/, /se ve (oscur\w*|mal|borros\w*|pixelad\w*|granulad\w*|fatal)/, /con eco/]), 3],
  ["account_license", wordUnion([
    /pide (una )?licencia/, /(asks|prompts) for a licen[cs]e/, /licen[cs]e to activate/, /licencia para activar\w*/,
  ]), 3],
  // Vendor licence or subscription blocking the device.
  ["account_license", wordUnion([
    /licen[cs]e (expired|inactive|missing|invalid|required|not found|limit|has expired|expiring)/, /unlicen[cs]ed/,
    /not licen[cs]ed/, /sin licencia/, /no tiene licencia/, /(has|have|with) no (\w+ )?licen[cs]e/, /no (esta|estan) licenciad\w*/,
    /licencias? (caducada|vencida|expirada|necesaria|no valida|de gestion caducada)/,
    /(subscription|suscripcion) (inactive|expired|ended|lapsed|inactiva|caducada)/,
    /entitlement (expired|ended|has expired)/, /premium entitlement/, /seat limit/, /no (available )?(\w+ )?seats?/,
    /seats? available/, /activation failed/, /activacion fallida/, /trial (expired|ended)/, /upgrade your plan/,
    /not included in (your|the) plan/, /no esta incluido en su plan/, /grace period/, /periodo de gracia/,
    /pending activation/, /premium features? (disabled|locked|desactivad\w*)/, /funciones premium/, /expiring soon/,
    /add-on expired/, /no quedan licencias/, /greyed out/, /licen[cs]e.{0,30}(expired|caducad)/
  ]), 3],
];
