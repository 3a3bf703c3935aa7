//! Well-known names of ATOP alliances that the data set codes by number
//! only, each with the treaty it codes as the source of the name.
//!
//! Each entry was identified by the alliance's members (COW codes) and its
//! first year in ATOP 5.1 against the treaty's signatories and date; the
//! data-set test (`tests/casus/data.rs`) checks the members named here.
//! Invariant: no name without its treaty; an alliance not listed keeps
//! the importer's numbered name.

/// One named alliance: ATOP id, the name shown for its organisation and
/// treaty, and the treaty that founds it (the source of the name).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AllianceName {
    pub atopid: u32,
    pub name: &'static str,
    pub treaty: &'static str,
    /// Two members (COW codes) the treaty names, checked against the data.
    pub members: [u16; 2],
    /// The actor id other importers give the organisation (the UCDP ESD's
    /// `african-union`), so that one import holds it once.
    pub org_id: Option<&'static str>,
}

const fn n(
    atopid: u32,
    name: &'static str,
    treaty: &'static str,
    members: [u16; 2],
) -> AllianceName {
    AllianceName {
        atopid,
        name,
        treaty,
        members,
        org_id: None,
    }
}

const fn with_id(a: AllianceName, id: &'static str) -> AllianceName {
    AllianceName {
        org_id: Some(id),
        ..a
    }
}

/// The table, by ATOP id.
pub const NAMES: &[AllianceName] = &[
    n(3015, "League of Arab States", "Pact of the League of Arab States (Cairo, 22 March 1945)", [651, 645]),
    n(3150, "Organization of American States", "Charter of the Organization of American States (Bogotá, 30 April 1948)", [2, 140]),
    n(3470, "Élysée Treaty (France-Germany)", "Treaty of Friendship between France and the Federal Republic of Germany (Paris, 22 January 1963)", [220, 255]),
    with_id(n(3740, "Organization for Security and Co-operation in Europe", "Final Act of the Conference on Security and Co-operation in Europe (Helsinki, 1 August 1975)", [2, 365]), "osce"),
    n(3755, "Treaty of Amity and Cooperation in Southeast Asia", "Treaty of Amity and Cooperation in Southeast Asia (Bali, 24 February 1976), with its later accessions", [850, 840]),
    n(3810, "ECOWAS Protocol on Non-Aggression", "Protocol on Non-Aggression of the Economic Community of West African States (Lagos, 22 April 1978)", [475, 452]),
    n(3895, "ECOWAS Protocol on Mutual Assistance in Defence", "Protocol relating to Mutual Assistance on Defence of the Economic Community of West African States (Freetown, 29 May 1981)", [475, 452]),
    n(3900, "Organisation of Eastern Caribbean States", "Treaty establishing the Organisation of Eastern Caribbean States (Basseterre, 18 June 1981)", [54, 56]),
    n(3990, "Tripartite Accord (Angola, Cuba, South Africa)", "Agreement among the People's Republic of Angola, the Republic of Cuba and the Republic of South Africa (New York, 22 December 1988)", [40, 560]),
    n(3995, "Arab Maghreb Union", "Treaty establishing the Arab Maghreb Union (Marrakesh, 17 February 1989)", [600, 615]),
    with_id(n(4175, "European Union", "Treaty on European Union (Maastricht, 7 February 1992)", [220, 255]), "european-union"),
    n(4400, "Commonwealth of Independent States", "Charter of the Commonwealth of Independent States (Minsk, 22 January 1993)", [365, 371]),
    n(4475, "Andorra-France-Spain Treaty", "Treaty of Good Neighbourliness, Friendship and Cooperation between the Principality of Andorra, the French Republic and the Kingdom of Spain (1 June 1993)", [232, 230]),
    n(4678, "Framework Treaty on Democratic Security in Central America", "Framework Treaty on Democratic Security in Central America (San Pedro Sula, 15 December 1995)", [90, 93]),
    n(4750, "Dayton Agreement", "General Framework Agreement for Peace in Bosnia and Herzegovina (Paris, 14 December 1995)", [344, 346]),
    n(4778, "Regional Security System (Eastern Caribbean)", "Treaty establishing the Regional Security System (St George's, 5 March 1996)", [53, 55]),
    n(4810, "Shanghai Cooperation Organisation", "Agreement on Confidence Building in the Military Field in the Border Area (Shanghai, 26 April 1996), the Shanghai Five, SCO from 2001", [365, 710]),
    n(4945, "ECCAS Council for Peace and Security in Central Africa (COPAX)", "Protocol relating to the Council for Peace and Security in Central Africa (Malabo, 24 February 2000)", [471, 481]),
    with_id(n(4953, "African Union", "Constitutive Act of the African Union (Lomé, 11 July 2000)", [475, 560]), "african-union"),
    n(4965, "Gulf Cooperation Council Joint Defence Agreement", "Joint Defence Agreement of the Cooperation Council for the Arab States of the Gulf (Manama, 31 December 2000)", [670, 690]),
    n(4985, "SADC Protocol on Politics, Defence and Security", "Protocol on Politics, Defence and Security Co-operation of the Southern African Development Community (Blantyre, 14 August 2001)", [560, 552]),
    n(5055, "African Union Non-Aggression and Common Defence Pact", "African Union Non-Aggression and Common Defence Pact (Abuja, 31 January 2005)", [615, 620]),
    n(5090, "Great Lakes Pact on Security, Stability and Development", "Pact on Security, Stability and Development in the Great Lakes Region (Nairobi, 15 December 2006)", [490, 500]),
    n(6020, "SCO Treaty on Long-Term Good-Neighbourliness", "Treaty on Long-Term Good-Neighbourliness, Friendship and Cooperation of the Member States of the Shanghai Cooperation Organisation (Bishkek, 16 August 2007)", [365, 710]),
    n(6080, "Northern Corridor Mutual Defence Pact", "Mutual Defence Pact of the Northern Corridor Integration Projects (2014)", [500, 517]),
];

/// The well-known name of ATOP alliance `atopid`, with its treaty.
pub fn name(atopid: u32) -> Option<&'static AllianceName> {
    NAMES.iter().find(|a| a.atopid == atopid)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_name_per_alliance_each_with_its_treaty() {
        for (i, a) in NAMES.iter().enumerate() {
            assert!(!a.treaty.is_empty() && !a.name.is_empty());
            assert!(
                NAMES[..i].iter().all(|b| b.atopid != a.atopid),
                "{}",
                a.atopid
            );
        }
        assert_eq!(name(4953).map(|a| a.name), Some("African Union"));
        assert!(name(1).is_none());
    }
}
