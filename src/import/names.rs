//! Explicit name and code tables: SIPRI and UCDP country names to
//! Correlates of War (COW) country codes, and COW codes to ISO 3166-1
//! alpha-3 codes.
//!
//! Nothing here guesses: a name that is not in a table is *unmatched*, and
//! the importer lists it in the import report. The tables are written by
//! hand from the names that occur in SIPRI's trade register (export of
//! 13 March 2025) and UCDP ESD 18.1, and tested against the COW state list.

/// A COW country code (`2` United States, `365` Russia, `373` Azerbaijan).
pub type Ccode = u16;

/// One country name of a data set and the COW code(s) it stands for. Some
/// names cover several COW states over time ("Germany" in SIPRI is the
/// German Federal Republic, COW 260, until unification, then Germany, COW
/// 255): `codes` lists `(first_year, last_year, ccode)`, inclusive.
struct Entry {
    name: &'static str,
    codes: &'static [(i32, i32, Ccode)],
}

const ALWAYS: i32 = i32::MIN;
const NOW: i32 = i32::MAX;

macro_rules! one {
    ($name:expr, $c:expr) => {
        Entry {
            name: $name,
            codes: &[(ALWAYS, NOW, $c)],
        }
    };
}

/// SIPRI trade-register names of states, as spelled in the export. The
/// names that equal the COW state name are listed too: the table is the
/// whole truth, not a fallback.
const SIPRI: &[Entry] = &[
    one!("Afghanistan", 700),
    one!("Albania", 339),
    one!("Algeria", 615),
    one!("Angola", 540),
    one!("Antigua and Barbuda", 58),
    one!("Argentina", 160),
    one!("Armenia", 371),
    one!("Australia", 900),
    one!("Austria", 305),
    one!("Azerbaijan", 373),
    one!("Bahamas", 31),
    one!("Bahrain", 692),
    one!("Bangladesh", 771),
    one!("Barbados", 53),
    one!("Belarus", 370),
    one!("Belgium", 211),
    one!("Belize", 80),
    one!("Benin", 434),
    one!("Bhutan", 760),
    one!("Bolivia", 145),
    one!("Bosnia-Herzegovina", 346),
    one!("Botswana", 571),
    one!("Brazil", 140),
    one!("Brunei", 835),
    one!("Bulgaria", 355),
    one!("Burkina Faso", 439),
    one!("Burundi", 516),
    one!("Cabo Verde", 402),
    one!("Cambodia", 811),
    one!("Cameroon", 471),
    one!("Canada", 20),
    one!("Central African Republic", 482),
    one!("Chad", 483),
    one!("Chile", 155),
    one!("China", 710),
    one!("Colombia", 100),
    one!("Comoros", 581),
    one!("Congo", 484),
    one!("Costa Rica", 94),
    one!("Cote d'Ivoire", 437),
    one!("Croatia", 344),
    one!("Cuba", 40),
    one!("Cyprus", 352),
    one!("Czechia", 316),
    one!("Czechoslovakia", 315),
    one!("DR Congo", 490),
    one!("Denmark", 390),
    one!("Djibouti", 522),
    one!("Dominican Republic", 42),
    one!("East Germany (GDR)", 265),
    one!("Ecuador", 130),
    one!("Egypt", 651),
    one!("El Salvador", 92),
    one!("Equatorial Guinea", 411),
    one!("Eritrea", 531),
    one!("Estonia", 366),
    one!("Ethiopia", 530),
    one!("Fiji", 950),
    one!("Finland", 375),
    one!("France", 220),
    one!("Gabon", 481),
    one!("Gambia", 420),
    one!("Georgia", 372),
    // SIPRI's "Germany" is West Germany before unification (3 October 1990).
    Entry {
        name: "Germany",
        codes: &[(ALWAYS, 1944, 255), (1945, 1990, 260), (1991, NOW, 255)],
    },
    one!("Ghana", 452),
    one!("Greece", 350),
    one!("Grenada", 55),
    one!("Guatemala", 90),
    one!("Guinea", 438),
    one!("Guinea-Bissau", 404),
    one!("Guyana", 110),
    one!("Haiti", 41),
    one!("Honduras", 91),
    one!("Hungary", 310),
    one!("Iceland", 395),
    one!("India", 750),
    one!("Indonesia", 850),
    one!("Iran", 630),
    one!("Iraq", 645),
    one!("Ireland", 205),
    one!("Israel", 666),
    one!("Italy", 325),
    one!("Jamaica", 51),
    one!("Japan", 740),
    one!("Jordan", 663),
    one!("Kazakhstan", 705),
    one!("Kenya", 501),
    one!("Kosovo", 347),
    one!("Kuwait", 690),
    one!("Kyrgyzstan", 703),
    one!("Laos", 812),
    one!("Latvia", 367),
    one!("Lebanon", 660),
    one!("Lesotho", 570),
    one!("Liberia", 450),
    one!("Libya", 620),
    one!("Lithuania", 368),
    one!("Luxembourg", 212),
    one!("Madagascar", 580),
    one!("Malawi", 553),
    one!("Malaysia", 820),
    one!("Maldives", 781),
    one!("Mali", 432),
    one!("Malta", 338),
    one!("Mauritania", 435),
    one!("Mauritius", 590),
    one!("Mexico", 70),
    one!("Moldova", 359),
    one!("Mongolia", 712),
    one!("Montenegro", 341),
    one!("Morocco", 600),
    one!("Mozambique", 541),
    one!("Myanmar", 775),
    one!("Namibia", 565),
    one!("Nepal", 790),
    one!("Netherlands", 210),
    one!("New Zealand", 920),
    one!("Nicaragua", 93),
    one!("Niger", 436),
    one!("Nigeria", 475),
    one!("North Korea", 731),
    one!("North Macedonia", 343),
    one!("North Yemen", 678),
    one!("Norway", 385),
    one!("Oman", 698),
    one!("Pakistan", 770),
    one!("Panama", 95),
    one!("Papua New Guinea", 910),
    one!("Paraguay", 150),
    one!("Peru", 135),
    one!("Philippines", 840),
    one!("Poland", 290),
    one!("Portugal", 235),
    one!("Qatar", 694),
    one!("Romania", 360),
    one!("Russia", 365),
    one!("Rwanda", 517),
    one!("Saint Kitts and Nevis", 60),
    one!("Saint Vincent", 57),
    one!("Saudi Arabia", 670),
    one!("Senegal", 433),
    // COW codes Serbia as the continuation of Yugoslavia (345).
    one!("Serbia", 345),
    one!("Seychelles", 591),
    one!("Sierra Leone", 451),
    one!("Singapore", 830),
    one!("Slovakia", 317),
    one!("Slovenia", 349),
    one!("Solomon Islands", 940),
    one!("Somalia", 520),
    one!("South Africa", 560),
    one!("South Korea", 732),
    one!("South Sudan", 626),
    one!("South Vietnam", 817),
    one!("South Yemen", 680),
    one!("Soviet Union", 365),
    one!("Spain", 230),
    one!("Sri Lanka", 780),
    one!("Sudan", 625),
    one!("Suriname", 115),
    one!("Sweden", 380),
    one!("Switzerland", 225),
    one!("Syria", 652),
    one!("Taiwan", 713),
    one!("Tajikistan", 702),
    one!("Tanzania", 510),
    one!("Thailand", 800),
    one!("Timor-Leste", 860),
    one!("Togo", 461),
    one!("Tonga", 955),
    one!("Trinidad and Tobago", 52),
    one!("Tunisia", 616),
    one!("Turkiye", 640),
    one!("Turkmenistan", 701),
    one!("UAE", 696),
    one!("Uganda", 500),
    one!("Ukraine", 369),
    one!("United Kingdom", 200),
    one!("United States", 2),
    one!("Uruguay", 165),
    one!("Uzbekistan", 704),
    one!("Vanuatu", 935),
    one!("Venezuela", 101),
    one!("Viet Nam", 816),
    one!("Yemen", 679),
    one!("Yemen Arab Republic (North Yemen)", 678),
    one!("Yugoslavia", 345),
    one!("Zambia", 551),
    one!("Zimbabwe", 552),
    one!("eSwatini", 572),
];

/// UCDP country names, as they follow "Government of " in ESD actor names.
const UCDP: &[Entry] = &[
    one!("Afghanistan", 700),
    one!("Albania", 339),
    one!("Algeria", 615),
    one!("Angola", 540),
    one!("Argentina", 160),
    one!("Armenia", 371),
    one!("Australia", 900),
    one!("Austria", 305),
    one!("Azerbaijan", 373),
    one!("Bahrain", 692),
    one!("Bangladesh", 771),
    one!("Belarus", 370),
    one!("Belgium", 211),
    one!("Benin", 434),
    one!("Bhutan", 760),
    one!("Bolivia", 145),
    one!("Bosnia-Herzegovina", 346),
    one!("Botswana", 571),
    one!("Brazil", 140),
    one!("Brunei", 835),
    one!("Bulgaria", 355),
    one!("Burkina Faso", 439),
    one!("Burundi", 516),
    one!("Cambodia (Kampuchea)", 811),
    one!("Cameroon", 471),
    one!("Canada", 20),
    one!("Central African Republic", 482),
    one!("Chad", 483),
    one!("Chile", 155),
    one!("China", 710),
    one!("Colombia", 100),
    one!("Comoros", 581),
    one!("Congo", 484),
    one!("Costa Rica", 94),
    one!("Croatia", 344),
    one!("Cuba", 40),
    one!("Cyprus", 352),
    one!("Czech Republic", 316),
    one!("Czechoslovakia", 315),
    one!("DR Congo (Zaire)", 490),
    one!("Denmark", 390),
    one!("Djibouti", 522),
    one!("Dominican Republic", 42),
    one!("East Germany", 265),
    one!("Ecuador", 130),
    one!("Egypt", 651),
    one!("El Salvador", 92),
    one!("Eritrea", 531),
    one!("Estonia", 366),
    one!("Ethiopia", 530),
    one!("Federated States of Micronesia", 987),
    one!("Finland", 375),
    one!("France", 220),
    one!("Gambia", 420),
    one!("Georgia", 372),
    // UCDP's "Germany" before unification is West Germany.
    Entry {
        name: "Germany",
        codes: &[(ALWAYS, 1944, 255), (1945, 1990, 260), (1991, NOW, 255)],
    },
    one!("Ghana", 452),
    one!("Greece", 350),
    one!("Grenada", 55),
    one!("Guatemala", 90),
    one!("Guinea", 438),
    one!("Guinea-Bissau", 404),
    one!("Haiti", 41),
    one!("Honduras", 91),
    one!("Hungary", 310),
    one!("Iceland", 395),
    one!("India", 750),
    one!("Indonesia", 850),
    one!("Iran", 630),
    one!("Iraq", 645),
    one!("Ireland", 205),
    one!("Israel", 666),
    one!("Italy", 325),
    one!("Ivory Coast", 437),
    one!("Japan", 740),
    one!("Jordan", 663),
    one!("Kazakhstan", 705),
    one!("Kenya", 501),
    one!("Kuwait", 690),
    one!("Kyrgyzstan", 703),
    one!("Laos", 812),
    one!("Latvia", 367),
    one!("Lebanon", 660),
    one!("Lesotho", 570),
    one!("Liberia", 450),
    one!("Libya", 620),
    one!("Lithuania", 368),
    one!("Luxembourg", 212),
    one!("Macedonia (Former Yugoslav Republic of)", 343),
    one!("Madagascar", 580),
    one!("Malawi", 553),
    one!("Malaysia", 820),
    one!("Mali", 432),
    one!("Malta", 338),
    one!("Marshall Islands", 983),
    one!("Mauritania", 435),
    one!("Mexico", 70),
    one!("Moldova", 359),
    one!("Mongolia", 712),
    one!("Montenegro", 341),
    one!("Morocco", 600),
    one!("Mozambique", 541),
    one!("Myanmar", 775),
    one!("Myanmar (Burma)", 775),
    one!("Namibia", 565),
    one!("Nepal", 790),
    one!("Netherlands", 210),
    one!("New Zealand", 920),
    one!("Nicaragua", 93),
    one!("Niger", 436),
    one!("Nigeria", 475),
    one!("North Korea", 731),
    one!("North Macedonia", 343),
    one!("Norway", 385),
    one!("Oman", 698),
    one!("Pakistan", 770),
    one!("Palau", 986),
    one!("Panama", 95),
    one!("Papua New Guinea", 910),
    one!("Paraguay", 150),
    one!("Peru", 135),
    one!("Philippines", 840),
    one!("Poland", 290),
    one!("Portugal", 235),
    one!("Qatar", 694),
    one!("Romania", 360),
    one!("Russia (Soviet Union)", 365),
    one!("Rwanda", 517),
    one!("Saudi Arabia", 670),
    one!("Senegal", 433),
    one!("Serbia (Yugoslavia)", 345),
    one!("Sierra Leone", 451),
    one!("Singapore", 830),
    one!("Slovakia", 317),
    one!("Slovenia", 349),
    one!("Solomon Islands", 940),
    one!("Somalia", 520),
    one!("South Africa", 560),
    one!("South Korea", 732),
    one!("South Sudan", 626),
    one!("South Vietnam", 817),
    one!("South Yemen", 680),
    one!("Spain", 230),
    one!("Sri Lanka", 780),
    one!("Sri Lanka (Ceylon)", 780),
    one!("Sudan", 625),
    one!("Suriname", 115),
    one!("Sweden", 380),
    one!("Switzerland", 225),
    one!("Syria", 652),
    one!("Taiwan", 713),
    one!("Tajikistan", 702),
    one!("Tanzania", 510),
    one!("Thailand", 800),
    one!("Togo", 461),
    one!("Tonga", 955),
    one!("Trinidad and Tobago", 52),
    one!("Tunisia", 616),
    one!("Turkey", 640),
    one!("Turkmenistan", 701),
    one!("Uganda", 500),
    one!("Ukraine", 369),
    one!("United Arab Emirates", 696),
    one!("United Kingdom", 200),
    one!("United States of America", 2),
    one!("Uruguay", 165),
    one!("Uzbekistan", 704),
    one!("Venezuela", 101),
    one!("Vietnam (North Vietnam)", 816),
    // UCDP's "Yemen (North Yemen)" is the Yemen Arab Republic until
    // unification (22 May 1990), then Yemen.
    Entry {
        name: "Yemen (North Yemen)",
        codes: &[(ALWAYS, 1989, 678), (1990, NOW, 679)],
    },
    one!("Yugoslavia (Serbia)", 345),
    one!("Zambia", 551),
    one!("Zimbabwe (Rhodesia)", 552),
];

fn lookup(table: &[Entry], name: &str, year: i32) -> Option<Ccode> {
    let name = name.trim();
    table
        .iter()
        .find(|e| e.name == name)?
        .codes
        .iter()
        .find(|(from, to, _)| (*from..=*to).contains(&year))
        .map(|(_, _, c)| *c)
}

/// The COW code of a SIPRI state name in a given year (the year of order).
///
/// ```
/// use casus::import::names::sipri_ccode;
/// assert_eq!(sipri_ccode("Turkiye", 2018), Some(640));
/// assert_eq!(sipri_ccode("Germany", 1985), Some(260));
/// assert_eq!(sipri_ccode("Germany", 2005), Some(255));
/// assert_eq!(sipri_ccode("Hezbollah (Lebanon)*", 2005), None);
/// ```
pub fn sipri_ccode(name: &str, year: i32) -> Option<Ccode> {
    lookup(SIPRI, name, year)
}

/// The COW code of a UCDP country name ("Russia (Soviet Union)") in a year.
pub fn ucdp_ccode(name: &str, year: i32) -> Option<Ccode> {
    lookup(UCDP, name, year)
}

/// Every SIPRI state name in the table (for tests and the report).
pub fn sipri_names() -> impl Iterator<Item = &'static str> {
    SIPRI.iter().map(|e| e.name)
}

/// Every UCDP country name in the table.
pub fn ucdp_names() -> impl Iterator<Item = &'static str> {
    UCDP.iter().map(|e| e.name)
}

/// Every COW code any table entry can yield.
pub fn table_ccodes() -> impl Iterator<Item = Ccode> {
    SIPRI
        .iter()
        .chain(UCDP.iter())
        .flat_map(|e| e.codes.iter().map(|(_, _, c)| *c))
}

/// Entities SIPRI lists as countries that are not members of the COW state
/// system: `(SIPRI name, actor id, display name, kind, iso3, recognised)`.
/// `recognised` follows the model: `false` only where no UN member
/// recognised the entity.
/// One entity of [`NON_SYSTEM`].
pub type NonSystem = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    Option<&'static str>,
    bool,
);

pub const NON_SYSTEM: &[NonSystem] = &[
    ("Aruba", "aruba", "Aruba", "territory", Some("ABW"), true),
    ("Biafra", "biafra", "Biafra", "state", None, true),
    ("Katanga", "katanga", "Katanga", "state", None, false),
    (
        "Northern Cyprus",
        "northern-cyprus",
        "Northern Cyprus",
        "state",
        None,
        true,
    ),
    (
        "Palestine",
        "palestine",
        "Palestine",
        "state",
        Some("PSE"),
        true,
    ),
    (
        "Western Sahara",
        "western-sahara",
        "Western Sahara",
        "territory",
        Some("ESH"),
        true,
    ),
];

/// International organisations that supply or receive arms in SIPRI
/// (names ending in `**`) or support warring parties in UCDP ESD:
/// `(name as written, actor id, display name)`.
pub const ORGANISATIONS: &[(&str, &str, &str)] = &[
    ("African Union", "african-union", "African Union"),
    ("European Union", "european-union", "European Union"),
    ("NATO", "nato", "NATO"),
    (
        "OSCE",
        "osce",
        "Organization for Security and Co-operation in Europe",
    ),
    (
        "Regional Security System",
        "regional-security-system",
        "Regional Security System",
    ),
    ("United Nations", "united-nations", "United Nations"),
];

/// ISO 3166-1 alpha-3 code of a COW state, where one exists for it.
/// Historical states without an ISO code (Austria-Hungary, Bavaria, the
/// two Germanies before 1990, Czechoslovakia, the Yemens before 1990,
/// South Vietnam) have none; each ISO code belongs to one COW code only.
///
/// ```
/// use casus::import::names::iso3;
/// assert_eq!(iso3(373), Some("AZE"));
/// assert_eq!(iso3(200), Some("GBR"));
/// assert_eq!(iso3(300), None);
/// ```
pub fn iso3(ccode: Ccode) -> Option<&'static str> {
    ISO3.binary_search_by_key(&ccode, |(c, _)| *c)
        .ok()
        .map(|i| ISO3[i].1)
}

/// COW code -> ISO 3166-1 alpha-3, sorted by COW code. Kosovo has no ISO
/// code; `XKX` is the user-assigned code the EU and the IMF use.
const ISO3: &[(Ccode, &str)] = &[
    (2, "USA"),
    (20, "CAN"),
    (31, "BHS"),
    (40, "CUB"),
    (41, "HTI"),
    (42, "DOM"),
    (51, "JAM"),
    (52, "TTO"),
    (53, "BRB"),
    (54, "DMA"),
    (55, "GRD"),
    (56, "LCA"),
    (57, "VCT"),
    (58, "ATG"),
    (60, "KNA"),
    (70, "MEX"),
    (80, "BLZ"),
    (90, "GTM"),
    (91, "HND"),
    (92, "SLV"),
    (93, "NIC"),
    (94, "CRI"),
    (95, "PAN"),
    (100, "COL"),
    (101, "VEN"),
    (110, "GUY"),
    (115, "SUR"),
    (130, "ECU"),
    (135, "PER"),
    (140, "BRA"),
    (145, "BOL"),
    (150, "PRY"),
    (155, "CHL"),
    (160, "ARG"),
    (165, "URY"),
    (200, "GBR"),
    (205, "IRL"),
    (210, "NLD"),
    (211, "BEL"),
    (212, "LUX"),
    (220, "FRA"),
    (221, "MCO"),
    (223, "LIE"),
    (225, "CHE"),
    (230, "ESP"),
    (232, "AND"),
    (235, "PRT"),
    (255, "DEU"),
    (290, "POL"),
    (305, "AUT"),
    (310, "HUN"),
    (316, "CZE"),
    (317, "SVK"),
    (325, "ITA"),
    (331, "SMR"),
    (338, "MLT"),
    (339, "ALB"),
    (341, "MNE"),
    (343, "MKD"),
    (344, "HRV"),
    (345, "SRB"),
    (346, "BIH"),
    (347, "XKX"),
    (349, "SVN"),
    (350, "GRC"),
    (352, "CYP"),
    (355, "BGR"),
    (359, "MDA"),
    (360, "ROU"),
    (365, "RUS"),
    (366, "EST"),
    (367, "LVA"),
    (368, "LTU"),
    (369, "UKR"),
    (370, "BLR"),
    (371, "ARM"),
    (372, "GEO"),
    (373, "AZE"),
    (375, "FIN"),
    (380, "SWE"),
    (385, "NOR"),
    (390, "DNK"),
    (395, "ISL"),
    (402, "CPV"),
    (403, "STP"),
    (404, "GNB"),
    (411, "GNQ"),
    (420, "GMB"),
    (432, "MLI"),
    (433, "SEN"),
    (434, "BEN"),
    (435, "MRT"),
    (436, "NER"),
    (437, "CIV"),
    (438, "GIN"),
    (439, "BFA"),
    (450, "LBR"),
    (451, "SLE"),
    (452, "GHA"),
    (461, "TGO"),
    (471, "CMR"),
    (475, "NGA"),
    (481, "GAB"),
    (482, "CAF"),
    (483, "TCD"),
    (484, "COG"),
    (490, "COD"),
    (500, "UGA"),
    (501, "KEN"),
    (510, "TZA"),
    (516, "BDI"),
    (517, "RWA"),
    (520, "SOM"),
    (522, "DJI"),
    (530, "ETH"),
    (531, "ERI"),
    (540, "AGO"),
    (541, "MOZ"),
    (551, "ZMB"),
    (552, "ZWE"),
    (553, "MWI"),
    (560, "ZAF"),
    (565, "NAM"),
    (570, "LSO"),
    (571, "BWA"),
    (572, "SWZ"),
    (580, "MDG"),
    (581, "COM"),
    (590, "MUS"),
    (591, "SYC"),
    (600, "MAR"),
    (615, "DZA"),
    (616, "TUN"),
    (620, "LBY"),
    (625, "SDN"),
    (626, "SSD"),
    (630, "IRN"),
    (640, "TUR"),
    (645, "IRQ"),
    (651, "EGY"),
    (652, "SYR"),
    (660, "LBN"),
    (663, "JOR"),
    (666, "ISR"),
    (670, "SAU"),
    (679, "YEM"),
    (690, "KWT"),
    (692, "BHR"),
    (694, "QAT"),
    (696, "ARE"),
    (698, "OMN"),
    (700, "AFG"),
    (701, "TKM"),
    (702, "TJK"),
    (703, "KGZ"),
    (704, "UZB"),
    (705, "KAZ"),
    (710, "CHN"),
    (712, "MNG"),
    (713, "TWN"),
    (731, "PRK"),
    (732, "KOR"),
    (740, "JPN"),
    (750, "IND"),
    (760, "BTN"),
    (770, "PAK"),
    (771, "BGD"),
    (775, "MMR"),
    (780, "LKA"),
    (781, "MDV"),
    (790, "NPL"),
    (800, "THA"),
    (811, "KHM"),
    (812, "LAO"),
    (816, "VNM"),
    (820, "MYS"),
    (830, "SGP"),
    (835, "BRN"),
    (840, "PHL"),
    (850, "IDN"),
    (860, "TLS"),
    (900, "AUS"),
    (910, "PNG"),
    (920, "NZL"),
    (935, "VUT"),
    (940, "SLB"),
    (946, "KIR"),
    (947, "TUV"),
    (950, "FJI"),
    (955, "TON"),
    (970, "NRU"),
    (983, "MHL"),
    (986, "PLW"),
    (987, "FSM"),
    (990, "WSM"),
];

/// The name a state went by in a year, where it differs from the COW
/// list's one name for the code (COW calls Serbia "Yugoslavia" even in
/// 1914). The actor's id stays the slug of the COW name.
///
/// ```
/// use casus::import::names::period_name;
/// assert_eq!(period_name(345, 1914), Some("Serbia"));
/// assert_eq!(period_name(345, 1960), None);
/// assert_eq!(period_name(365, 1980), Some("Soviet Union"));
/// ```
pub fn period_name(ccode: Ccode, year: i32) -> Option<&'static str> {
    match (ccode, year) {
        (345, ..=1918) => Some("Serbia"),
        (345, 2006..) => Some("Serbia"),
        (365, 1922..=1991) => Some("Soviet Union"),
        (640, ..=1922) => Some("Ottoman Empire"),
        _ => None,
    }
}

/// Other names of COW states, so that `casus show Serbia` finds COW 345.
/// Only names no other state of the list bears.
pub fn aliases(ccode: Ccode) -> &'static [&'static str] {
    match ccode {
        2 => &["United States", "US"],
        200 => &["Britain", "Great Britain", "UK"],
        316 => &["Czechia"],
        343 => &["North Macedonia"],
        345 => &["Serbia"],
        365 => &["Soviet Union", "USSR"],
        402 => &["Cabo Verde"],
        437 => &["Cote d'Ivoire"],
        490 => &["DR Congo", "Zaire"],
        572 => &["eSwatini"],
        640 => &["Ottoman Empire", "Turkiye"],
        775 => &["Burma"],
        860 => &["Timor-Leste"],
        _ => &[],
    }
}

/// The COW region of a country code: `americas` (2-165), `europe`
/// (200-399), `africa` (400-626), `middle-east` (630-698), `asia`
/// (700-899), `oceania` (900-999).
pub fn region(ccode: Ccode) -> &'static str {
    match ccode {
        0..=199 => "americas",
        200..=399 => "europe",
        400..=629 => "africa",
        630..=699 => "middle-east",
        700..=899 => "asia",
        _ => "oceania",
    }
}

/// The regions `--region` accepts.
pub const REGIONS: [&str; 6] = [
    "americas",
    "europe",
    "africa",
    "middle-east",
    "asia",
    "oceania",
];

/// A stable id from a name: lower case ASCII letters and digits, runs of
/// anything else one hyphen ("Cote d'Ivoire" -> `cote-d-ivoire`,
/// "Hezbollah (Lebanon)*" -> `hezbollah-lebanon`). Letters with accents
/// lose them (ü -> u); other letters are dropped.
pub fn slug(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut pending = false;
    for c in name.chars() {
        let c = fold_accent(c);
        if c.is_ascii_alphanumeric() {
            if pending && !out.is_empty() {
                out.push('-');
            }
            pending = false;
            out.push(c.to_ascii_lowercase());
        } else {
            pending = true;
        }
    }
    out
}

fn fold_accent(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => 'a',
        'ç' | 'Ç' => 'c',
        'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' | 'Î' | 'Ï' => 'i',
        'ñ' | 'Ñ' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' => 'o',
        'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' | 'Û' | 'Ü' => 'u',
        'ý' | 'ÿ' | 'Ý' => 'y',
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn sipri_names_that_differ_from_cow_names_map_by_the_table() {
        for (name, year, code) in [
            ("Turkiye", 2020, 640),
            ("Soviet Union", 1980, 365),
            ("Russia", 2018, 365),
            ("United States", 2018, 2),
            ("UAE", 2018, 696),
            ("Viet Nam", 2018, 816),
            ("DR Congo", 2010, 490),
            ("Czechia", 2018, 316),
            ("Bosnia-Herzegovina", 2018, 346),
            ("East Germany (GDR)", 1980, 265),
            ("North Yemen", 1980, 678),
            ("South Yemen", 1980, 680),
            ("Yemen", 2015, 679),
            ("eSwatini", 2018, 572),
            ("Cabo Verde", 2018, 402),
            ("Serbia", 2018, 345),
        ] {
            assert_eq!(sipri_ccode(name, year), Some(code), "{name} {year}");
        }
    }

    #[test]
    fn germany_depends_on_the_year() {
        assert_eq!(sipri_ccode("Germany", 1938), Some(255));
        assert_eq!(sipri_ccode("Germany", 1960), Some(260));
        assert_eq!(sipri_ccode("Germany", 1990), Some(260));
        assert_eq!(sipri_ccode("Germany", 1991), Some(255));
        assert_eq!(ucdp_ccode("Germany", 1980), Some(260));
        assert_eq!(ucdp_ccode("Yemen (North Yemen)", 1985), Some(678));
        assert_eq!(ucdp_ccode("Yemen (North Yemen)", 2015), Some(679));
    }

    #[test]
    fn non_states_and_unknowns_are_not_matched() {
        for n in [
            "unknown supplier(s)",
            "unknown recipient(s)",
            "NATO**",
            "Hezbollah (Lebanon)*",
            "Palestine",
            "Narnia",
            "",
        ] {
            assert_eq!(sipri_ccode(n, 2000), None, "{n}");
        }
        assert_eq!(ucdp_ccode("Russia (Soviet Union)", 2015), Some(365));
        assert_eq!(ucdp_ccode("Russia", 2015), None);
    }

    #[test]
    fn tables_have_no_duplicate_names_and_iso_codes_are_unique() {
        for table in [SIPRI, UCDP] {
            let mut seen = HashSet::new();
            for e in table {
                assert!(seen.insert(e.name), "{} twice", e.name);
            }
        }
        let mut isos = HashSet::new();
        for w in ISO3.windows(2) {
            assert!(w[0].0 < w[1].0, "ISO3 table out of order at {}", w[1].0);
        }
        for (c, i) in ISO3 {
            assert!(isos.insert(*i), "{i} twice (COW {c})");
            assert!(i.len() == 3 && i.bytes().all(|b| b.is_ascii_uppercase()));
        }
    }

    #[test]
    fn slugs_are_stable_ascii() {
        assert_eq!(slug("United States of America"), "united-states-of-america");
        assert_eq!(slug("Cote d'Ivoire"), "cote-d-ivoire");
        assert_eq!(slug("Hezbollah (Lebanon)*"), "hezbollah-lebanon");
        assert_eq!(slug("Wuerttemburg"), "wuerttemburg");
        assert_eq!(slug("Türkiye"), "turkiye");
        assert_eq!(slug("  al-Qaida "), "al-qaida");
    }

    #[test]
    fn regions_follow_cow_code_ranges() {
        assert_eq!(region(2), "americas");
        assert_eq!(region(373), "europe");
        assert_eq!(region(640), "middle-east");
        assert_eq!(region(530), "africa");
        assert_eq!(region(710), "asia");
        assert_eq!(region(900), "oceania");
    }
}
