/**
 * Stop words for English and Spanish, accent-folded. The English list also holds chat spellings
 * without apostrophes ("doesnt", "cant", "im") and the halves the tokenizer leaves of "doesn't"
 * ("doesn", "ve"), which support questions are full of, and the
 * filler of a support request ("how", "please", "help") that says nothing about the topic.
 */

const EN = `a about above after again against all am an and any are arent as at be because been before being below
between both but by can cant could couldnt did didnt do does doesnt doing dont down during each few for from further
had hadnt has hasnt have havent having he hed hell hes her here heres hers herself him himself his how hows i id ill
im ive if in into is isnt it its itself lets me more most mustnt my myself no nor not of on once only or other
ought our ours ourselves out over own same shant she shed shell shes should shouldnt so some such than that thats the
their theirs them themselves then there theres these they theyd theyll theyre theyve this those through to too under
until up very was wasnt we wed well were weve werent what whats when whens where wheres which while who whos whom why
whys with wont would wouldnt you youd youll youre youve your yours yourself yourselves
also just really still even get gets got getting able anyone anybody someone something anything thing things way
please pls plz thanks thank hi hello hey help need needs want wants know tell like u ur us ok okay yes yeah
will shall may might must lot lots much many one ones two etc eg ie e g vs via per
doesn isn aren wasn weren hasn haven hadn don didn couldn shouldn wouldn won mustn needn ve ll re`;

const ES = `a al algo algun alguna algunas alguno algunos ante antes aqui asi aun cada como con contra cual cuales cualquier
cuando cuanto cuanta cuantos cuantas de del desde donde dos el ella ellas ellos en entre era eran es esa esas ese eso
esos esta estaba estan estar estas este esto estos fue fueron ha hay haber hace han hasta la las le les lo los mas me
mi mis mucho muy nada ni no nos nosotros o os otra otras otro otros para pero poco por porque que quien quienes se
sea segun ser si sido sin sobre solo son su sus tambien tan tanto te tenemos tengo tiene tienen todo todos tu tus un
una unas uno unos usted ustedes vosotros y ya yo mi mia mio cual hola gracias favor puedo puede pueden debo debe
deben quiero necesito hacer hago saber sabe`;

const toSet = (text: string): ReadonlySet<string> => new Set(text.split(/\s+/).filter(Boolean));

/** English stop words (folded, no apostrophes). */
export const ENGLISH_STOPWORDS = toSet(EN);
/** Spanish stop words (folded). */
export const SPANISH_STOPWORDS = toSet(ES);
