/**
 * Words for naming a location in English and Spanish, and a list of cities so that a city
 * written in lower case ("bar in madrid") is still recognised. All folded (lower case, no accents).
 */

/** Place nouns that need a qualifier to name a specific place ("Paris office", "3rd floor", "sala Goya"). */
export const PLACE_HEADS = new Set([
  "office", "offices", "campus", "building", "bldg", "floor", "room", "center", "centre", "site", "branch", "warehouse",
  "lab", "studio", "wing", "tower", "level", "lvl", "hall", "suite", "store", "plant", "facility", "desk", "space", "area", "hub",
  "oficina", "oficinas", "edificio", "planta", "piso", "sala", "centro", "almacen", "tienda", "nave", "delegacion",
  "sucursal", "aula", "espacio", "torre", "zona",
]);

/** Places that are specific on their own ("the boardroom", "reception", "our HQ"). */
export const STANDALONE_PLACES = new Set([
  "boardroom", "auditorium", "lobby", "reception", "hq", "headquarters", "recepcion", "auditorio", "sede", "vestibulo",
]);

/** Lower-case words that qualify a place ("small meeting room", "exec boardroom", "sala de juntas"). */
export const PLACE_MODIFIERS = new Set([
  "meeting", "conference", "training", "board", "huddle", "town", "exec", "executive", "briefing", "small", "large", "big",
  "main", "corner", "demo", "front", "back", "north", "south", "east", "west", "upper", "lower", "ground", "top", "focus",
  "quiet", "war", "innovation", "customer", "experience", "visitor", "visitors", "event", "events", "press", "media",
  "juntas", "reuniones", "formacion", "pequena", "grande", "principal", "norte", "sur", "oeste", "baja", "alta",
  "direccion", "consejo", "prensa", "visitas", "eventos",
]);

/** Modifiers that alone do not make a room specific ("the meeting room" is any room). */
export const GENERIC_MODIFIERS = new Set(["meeting", "conference", "reuniones", "reunion"]);

/** Ordinal words used for floors. */
export const ORDINAL_WORDS = new Set([
  "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "ground",
  "primera", "segunda", "tercera", "cuarta", "quinta", "sexta", "septima", "octava", "novena", "decima",
  "primer", "segundo", "tercer", "cuarto", "quinto", "sexto",
]);

/**
 * Capitalised words that are not places: sentence starters, days, months, languages, job titles,
 * tech and platform words. Folded.
 */
export const NOT_PLACES = new Set(
  ("i i'm im the a an our my we you your this that these those it its is are was can could would should do does did " +
    "what when where who how why which any all every whole entire same another other new old some also after before since " +
    "still just please pls thanks thank hi hello hey hola buenas buenos gracias ok okay yes no urgent urgente asap fyi " +
    "today tomorrow yesterday tonight morning afternoon evening monday tuesday wednesday thursday friday saturday sunday " +
    "january february march april may june july august september october november december lunes martes miercoles jueves " +
    "viernes sabado domingo enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre " +
    "english spanish french german portuguese italian ingles espanol frances aleman " +
    "teams team mtr microsoft zoom rooms google meet workspace webex cisco control entra exchange outlook office365 m365 " +
    "windows mac macos ios iphone ipad android bluetooth usb hdmi poe wifi wi-fi dhcp dns ip vlan ntp udp tcp sip psu led " +
    "ui api ssid wpa2 slack chrome chromebook chromebooks linux ethernet pc os ai utc cet pst est gmt eta rma cs sla id po " +
    "ceo cfo cto coo vp it av hr dfu qr url vpn sso saml aad ad mfa oled lcd 4k hd fhd uhd " +
    "el la los las lo un una mi nuestra nuestro esta este hay desde tras con sin para por que se no ya todo toda todas todos " +
    "ningun ninguna necesitamos tenemos podeis pueden quiero estamos " +
    "tv hours hour minutes mins min hr hrs sec secs am pm days weeks us usa eu uk ceo's support soporte admin portal dashboard status error firmware update").split(" "),
);

/** Cities (folded). Used when a city is written in lower case or without a preposition. */
export const CITIES = new Set([
  // Europe
  "madrid", "barcelona", "valencia", "sevilla", "seville", "bilbao", "malaga", "zaragoza", "granada", "alicante", "murcia",
  "palma", "vigo", "oviedo", "santander", "salamanca", "valladolid", "pamplona", "cordoba", "cadiz", "toledo", "girona",
  "lisbon", "lisboa", "porto", "oporto", "paris", "lyon", "marseille", "toulouse", "lille", "nantes", "bordeaux",
  "london", "londres", "manchester", "birmingham", "leeds", "glasgow", "edinburgh", "bristol", "cambridge", "oxford",
  "dublin", "berlin", "munich", "hamburg", "frankfurt", "cologne", "stuttgart", "dusseldorf", "vienna", "zurich",
  "geneva", "basel", "bern", "milan", "milano", "rome", "roma", "turin", "naples", "bologna", "amsterdam",
  "rotterdam", "utrecht", "brussels", "bruselas", "antwerp", "luxembourg", "copenhagen", "stockholm", "oslo", "helsinki",
  "warsaw", "krakow", "prague", "budapest", "bucharest", "athens", "istanbul", "tallinn", "riga", "vilnius",
  // Americas
  "new york", "nueva york", "nyc", "boston", "chicago", "seattle", "austin", "dallas", "houston", "denver", "phoenix",
  "atlanta", "miami", "orlando", "tampa", "raleigh", "nashville", "detroit", "minneapolis", "pittsburgh",
  "philadelphia", "baltimore", "washington", "san francisco", "los angeles", "san diego", "san jose", "portland",
  "las vegas", "salt lake city", "sacramento", "toronto", "montreal", "vancouver", "ottawa", "calgary", "mexico city",
  "ciudad de mexico", "cdmx", "monterrey", "guadalajara", "puebla", "tijuana", "queretaro", "merida", "bogota",
  "medellin", "cali", "barranquilla", "lima", "quito", "guayaquil", "santiago", "valparaiso", "buenos aires", "cordoba",
  "rosario", "mendoza", "montevideo", "asuncion", "la paz", "caracas", "panama", "san juan", "santo domingo",
  "sao paulo", "rio de janeiro", "brasilia", "guatemala", "san salvador", "tegucigalpa", "managua", "havana", "la habana",
  // Asia, Oceania, Africa, Middle East
  "tokyo", "osaka", "seoul", "beijing", "shanghai", "shenzhen", "hong kong", "taipei", "singapore", "singapur",
  "kuala lumpur", "bangkok", "jakarta", "manila", "hanoi", "mumbai", "delhi", "new delhi", "bangalore", "bengaluru",
  "hyderabad", "chennai", "pune", "dubai", "abu dhabi", "doha", "riyadh", "tel aviv", "cairo", "johannesburg",
  "cape town", "nairobi", "lagos", "casablanca", "sydney", "melbourne", "brisbane", "perth", "auckland", "wellington",
]);

/** Longest city name, in words, for multi-word lookup. */
export const MAX_CITY_WORDS = 4;
