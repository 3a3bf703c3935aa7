//! Membership: who belongs to (or leads) an organisation, and which
//! organisations an actor belongs to (or leads), from the `member_of` and
//! `leads` relations.

use super::tie::TieView;
use super::Filter;
use crate::model::*;
use crate::view::ActorRef;
use serde::Serialize;

/// The relation type "X is a member of organisation Y".
pub const MEMBER_OF: &str = "member_of";
/// The relation type "X leads (dominates, co-chairs) organisation Y".
pub const LEADS: &str = "leads";

/// An actor's memberships, both ways. Each list holds relation ids in
/// file order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Memberships {
    pub actor: ActorId,
    /// `X member_of actor`: the actor's members.
    pub members: Vec<RelId>,
    /// `X leads actor`: who leads it.
    pub led_by: Vec<RelId>,
    /// `actor member_of Y`: the organisations it belongs to.
    pub member_of: Vec<RelId>,
    /// `actor leads Y`: the organisations it leads.
    pub leads: Vec<RelId>,
}

impl Memberships {
    /// `true` if the actor has no membership either way.
    pub fn is_empty(&self) -> bool {
        self.members.is_empty()
            && self.led_by.is_empty()
            && self.member_of.is_empty()
            && self.leads.is_empty()
    }

    /// The lists with each relation resolved, seen from the actor.
    pub fn view(&self, g: &Graph) -> MembershipsView {
        let a = self.actor;
        MembershipsView {
            actor: ActorRef::new(g, a),
            members: TieView::all(g, a, &self.members),
            led_by: TieView::all(g, a, &self.led_by),
            member_of: TieView::all(g, a, &self.member_of),
            leads: TieView::all(g, a, &self.leads),
        }
    }
}

/// [`Memberships`] as printed and serialised.
#[derive(Clone, Debug, Serialize)]
pub struct MembershipsView {
    pub actor: ActorRef,
    pub members: Vec<TieView>,
    pub led_by: Vec<TieView>,
    pub member_of: Vec<TieView>,
    pub leads: Vec<TieView>,
}

/// The `member_of` and `leads` relations of `a` that the filter allows,
/// sorted into members, leaders, organisations it belongs to and
/// organisations it leads. An organisation that is itself a member of
/// another shows both ways.
///
/// ```
/// use casus::model::*;
/// use casus::query::{memberships, Filter};
/// let mut b = GraphBuilder::new(GraphBuilder::schema_of(&[
///     ("member_of", true, Sign::Friendly, "membership"),
///     ("leads", true, Sign::Friendly, "membership"),
/// ]));
/// let csto = b.actor("csto", ActorKind::Organisation);
/// let am = b.actor("armenia", ActorKind::State);
/// let ru = b.actor("russia", ActorKind::State);
/// b.rel("member_of", am, csto);
/// b.rel("member_of", ru, csto);
/// b.rel("leads", ru, csto);
/// let g = b.build();
/// let m = memberships(&g, csto, &Filter::default());
/// assert_eq!(m.members.len(), 2);
/// assert_eq!(m.led_by.len(), 1);
/// assert_eq!(memberships(&g, am, &Filter::default()).member_of.len(), 1);
/// ```
pub fn memberships(g: &Graph, a: ActorId, filter: &Filter) -> Memberships {
    let mut m = Memberships {
        actor: a,
        members: Vec::new(),
        led_by: Vec::new(),
        member_of: Vec::new(),
        leads: Vec::new(),
    };
    for r in g.relations_of(a) {
        let rel = g.relation(r);
        if rel.from == rel.to || !filter.allows(g, r) {
            continue;
        }
        let list = match (rel.rtype.as_str(), rel.from == a) {
            (MEMBER_OF, true) => &mut m.member_of,
            (MEMBER_OF, false) => &mut m.members,
            (LEADS, true) => &mut m.leads,
            (LEADS, false) => &mut m.led_by,
            _ => continue,
        };
        list.push(r);
    }
    for list in [
        &mut m.members,
        &mut m.led_by,
        &mut m.member_of,
        &mut m.leads,
    ] {
        list.sort();
    }
    m
}
