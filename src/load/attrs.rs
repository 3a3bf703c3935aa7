//! The measured attributes of states (`[actor.attrs]`: capital, CINC,
//! major-power status) and the covariate fields of relations
//! (`contiguity` on `borders`, `rivalry` on `rival`), checked as the rest
//! of the loader checks: ranges, vocabularies, citations resolved.
//!
//! Invariant: nothing unchecked passes: no attribute without a resolved
//! citation, no coordinate off the globe, no contiguity type outside 1..=5
//! and no rivalry type outside Thompson and Dreyer's four.

use super::raw::*;
use super::Loader;
use crate::model::*;
use toml::Spanned;

impl Loader<'_> {
    /// An actor's `attrs` table as [`StateAttrs`]; what fails a check is
    /// reported and left out.
    pub(super) fn attrs(
        &mut self,
        b: &GraphBuilder,
        fi: usize,
        kind: ActorKind,
        raw: Option<&Spanned<RawAttrs>>,
    ) -> StateAttrs {
        let Some(raw) = raw else {
            return StateAttrs::default();
        };
        if kind != ActorKind::State {
            self.err(
                fi,
                raw.span(),
                format!(
                    "attrs (capital, cinc, major_power) are for states, not a {}",
                    kind.as_str()
                ),
                Some("remove the attrs table, or make the actor kind = \"state\"".into()),
            );
            return StateAttrs::default();
        }
        let a = raw.get_ref();
        StateAttrs {
            capital: a.capital.as_ref().and_then(|c| self.capital(b, fi, c)),
            cinc: a.cinc.as_ref().and_then(|m| self.measure(b, fi, m)),
            major_power: a.major_power.as_ref().and_then(|c| self.citation(b, fi, c)),
        }
    }

    fn capital(&mut self, b: &GraphBuilder, fi: usize, c: &Spanned<RawCapital>) -> Option<Capital> {
        let c = c.get_ref();
        let (lat, lon) = (*c.lat.get_ref(), *c.lon.get_ref());
        let mut ok = true;
        if !(-90.0..=90.0).contains(&lat) {
            self.err(
                fi,
                c.lat.span(),
                format!("latitude {lat} is off the globe"),
                Some("decimal degrees from -90 (south) to 90 (north)".into()),
            );
            ok = false;
        }
        if !(-180.0..=180.0).contains(&lon) {
            self.err(
                fi,
                c.lon.span(),
                format!("longitude {lon} is off the globe"),
                Some("decimal degrees from -180 (west) to 180 (east)".into()),
            );
            ok = false;
        }
        let evidence = self.citation(b, fi, &c.evidence)?;
        ok.then(|| Capital {
            name: c.name.get_ref().clone(),
            lat,
            lon,
            evidence,
        })
    }

    fn measure(&mut self, b: &GraphBuilder, fi: usize, m: &Spanned<RawMeasure>) -> Option<Measure> {
        let m = m.get_ref();
        let value = *m.value.get_ref();
        let year = *m.year.get_ref();
        let evidence = self.citation(b, fi, &m.evidence)?;
        if !(0.0..=1.0).contains(&value) {
            self.err(
                fi,
                m.value.span(),
                format!("CINC {value} is not a share of world capabilities"),
                Some("a number from 0 to 1, as in COW NMC's `cinc` column".into()),
            );
            return None;
        }
        if !(1816..=2100).contains(&year) {
            self.err(
                fi,
                m.year.span(),
                format!("year {year} is outside the COW record"),
                Some("the year of the NMC row cited, e.g. 2016".into()),
            );
            return None;
        }
        Some(Measure {
            year,
            value,
            evidence,
        })
    }

    /// A relation's `contiguity`: a COW type 1..=5, on `borders` only.
    pub(super) fn contiguity(&mut self, fi: usize, rtype: &str, r: &RawRelation) -> Option<u8> {
        let c = r.contiguity.as_ref()?;
        let v = *c.get_ref();
        if rtype != "borders" {
            self.err(
                fi,
                c.span(),
                format!("contiguity is for `borders` relations, not `{rtype}`"),
                Some("remove it, or make the relation type = \"borders\"".into()),
            );
            return None;
        }
        match u8::try_from(v)
            .ok()
            .filter(|v| contiguity_meaning(*v).is_some())
        {
            Some(v) => Some(v),
            None => {
                self.err(
                    fi,
                    c.span(),
                    format!("contiguity {v} is not a COW Direct Contiguity type"),
                    Some("1 land or river border; 2, 3, 4, 5: water of at most 12, 24, 150, 400 miles".into()),
                );
                None
            }
        }
    }

    /// A relation's `rivalry` types: Thompson and Dreyer's, on `rival` only.
    pub(super) fn rivalry(&mut self, fi: usize, rtype: &str, r: &RawRelation) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for t in &r.rivalry {
            if rtype != "rival" {
                self.err(
                    fi,
                    t.span(),
                    format!("rivalry types are for `rival` relations, not `{rtype}`"),
                    Some("remove them, or make the relation type = \"rival\"".into()),
                );
                return Vec::new();
            }
            let name = t.get_ref();
            if !RIVALRY_TYPES.contains(&name.as_str()) {
                self.err(
                    fi,
                    t.span(),
                    format!("unknown rivalry type `{name}`"),
                    Some(format!("use {}", RIVALRY_TYPES.join(", "))),
                );
            } else if out.contains(name) {
                self.err(
                    fi,
                    t.span(),
                    format!("rivalry type `{name}` is given twice"),
                    None,
                );
            } else {
                out.push(name.clone());
            }
        }
        out
    }
}
