//! Demonyms of states, by COW code, for the states news of this field
//! names most: "Austrian parliament" is a mention of Austria. Written by
//! the project; a graph's own aliases take precedence over this table.
//!
//! **Invariant:** every code is one of [`super::states::COW_STATES`].

/// (demonym, COW code).
pub const DEMONYMS: &[(&str, u16)] = &[
    ("American", 2),
    ("Canadian", 20),
    ("Mexican", 70),
    ("Brazilian", 140),
    ("British", 200),
    ("Irish", 205),
    ("Dutch", 210),
    ("Belgian", 211),
    ("French", 220),
    ("Swiss", 225),
    ("Spanish", 230),
    ("Portuguese", 235),
    ("German", 255),
    ("Polish", 290),
    ("Austrian", 305),
    ("Hungarian", 310),
    ("Czech", 316),
    ("Slovak", 317),
    ("Italian", 325),
    ("Serbian", 345),
    ("Greek", 350),
    ("Cypriot", 352),
    ("Bulgarian", 355),
    ("Moldovan", 359),
    ("Romanian", 360),
    ("Russian", 365),
    ("Estonian", 366),
    ("Latvian", 367),
    ("Lithuanian", 368),
    ("Ukrainian", 369),
    ("Belarusian", 370),
    ("Armenian", 371),
    ("Georgian", 372),
    ("Azerbaijani", 373),
    ("Azeri", 373),
    ("Finnish", 375),
    ("Swedish", 380),
    ("Norwegian", 385),
    ("Danish", 390),
    ("Egyptian", 651),
    ("Syrian", 652),
    ("Lebanese", 660),
    ("Jordanian", 663),
    ("Israeli", 666),
    ("Saudi", 670),
    ("Iranian", 630),
    ("Turkish", 640),
    ("Iraqi", 645),
    ("Afghan", 700),
    ("Turkmen", 701),
    ("Tajik", 702),
    ("Kyrgyz", 703),
    ("Uzbek", 704),
    ("Kazakh", 705),
    ("Chinese", 710),
    ("Mongolian", 712),
    ("Japanese", 740),
    ("Indian", 750),
    ("Pakistani", 770),
    ("Libyan", 620),
    ("Qatari", 694),
    ("Emirati", 696),
];

#[cfg(test)]
mod tests {
    use super::super::states::COW_STATES;
    use super::*;

    #[test]
    fn every_demonym_names_a_cow_state() {
        for (d, code) in DEMONYMS {
            assert!(
                COW_STATES.iter().any(|(c, _)| c == code),
                "{d}: {code} is not in the COW state list"
            );
        }
    }
}
