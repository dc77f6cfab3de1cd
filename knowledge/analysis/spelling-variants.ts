/**
 * British spellings folded onto American ones before stemming ("colour" → "color", "centre" →
 * "center", "prioritise" → "prioritize"): the corpus is written in American English and many
 * people asking are not. Both index and query go through it, so either spelling finds the other
 * at full weight instead of through the spelling corrector's guess.
 */

const WHOLE: Record<string, string> = {
  colour: "color",
  colours: "colors",
  coloured: "colored",
  behaviour: "behavior",
  behaviours: "behaviors",
  favourite: "favorite",
  favourites: "favorites",
  honour: "honor",
  neighbour: "neighbor",
  labour: "labor",
  centre: "center",
  centres: "centers",
  centred: "centered",
  metre: "meter",
  metres: "meters",
  litre: "liter",
  fibre: "fiber",
  theatre: "theater",
  licence: "license",
  licences: "licenses",
  defence: "defense",
  catalogue: "catalog",
  catalogues: "catalogs",
  dialogue: "dialog",
  analogue: "analog",
  programme: "program",
  analyse: "analyze",
  analysed: "analyzed",
  analysing: "analyzing",
  cancelled: "canceled",
  cancelling: "canceling",
  labelled: "labeled",
  labelling: "labeling",
  modelling: "modeling",
  travelling: "traveling",
  grey: "gray",
  aluminium: "aluminum",
  enrol: "enroll",
  enrolment: "enrollment",
  enrolled: "enrolled",
};

// -ise/-isation verbs whose -ize forms the corpus uses; a list of stems rather than every "-ise"
// word, since "premise", "enterprise", "advise" and "noise" are not spelling variants.
const ISE =
  /^(organ|custom|priorit|optim|minim|maxim|recogn|author|synchron|initial|util|final|standard|central|normal|virtual|visual|personal|categor|summar|special|real|apolog|emphas|local|serial|capital|character|modern|stabil|sanit|memor|penal|neutral|general|decentral|harmon|monet|rational)is(e|es|ed|ing|ation|ations|er|ers)$/;

/** The American spelling of a folded English word, or the word itself. */
export function americanSpelling(word: string): string {
  const whole = WHOLE[word];
  if (whole) return whole;
  const ise = ISE.exec(word);
  return ise ? `${ise[1]}iz${ise[2]}` : word;
}
