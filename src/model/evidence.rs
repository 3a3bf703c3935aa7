//! [`Evidence`]: a relation's citations, one kept inline (most relations
//! have one), more in one heap list; 24 bytes, the size of one citation.
//!
//! Hand-written rather than `smallvec`: a `SmallVec<[Citation; 1]>` keeps
//! its length beside the inline citation (32 bytes); here the inline case
//! is told apart by the citation's own tag, which a million relations
//! save 8 bytes each on.
//!
//! Invariant: no operation changes the order of the citations, and the
//! heap list never holds exactly one citation after a push (it becomes
//! the inline one only when the list was empty).

use super::{Citation, ThinVec};

/// The citations of a relation, in file order; reads as `&[Citation]`.
#[derive(Clone, PartialEq)]
pub struct Evidence(Inner);

#[derive(Clone, PartialEq)]
enum Inner {
    One(Citation),
    Many(ThinVec<Citation>),
}

impl Evidence {
    /// Adds a citation at the end.
    pub fn push(&mut self, c: Citation) {
        match &mut self.0 {
            Inner::Many(v) if v.is_empty() => self.0 = Inner::One(c),
            Inner::Many(v) => v.push(c),
            Inner::One(_) => {
                let Inner::One(first) = std::mem::replace(&mut self.0, Inner::Many(ThinVec::new()))
                else {
                    unreachable!("matched above")
                };
                let mut v = ThinVec::with_capacity(2);
                v.push(first);
                v.push(c);
                self.0 = Inner::Many(v);
            }
        }
    }

    /// The citations, in file order.
    pub fn as_slice(&self) -> &[Citation] {
        self
    }

    /// `true` when the citations are on the heap (more than one).
    pub fn spilled(&self) -> bool {
        matches!(&self.0, Inner::Many(v) if !v.is_empty())
    }

    /// How many citations fit without growing (1 inline).
    pub fn capacity(&self) -> usize {
        match &self.0 {
            Inner::One(_) => 1,
            Inner::Many(v) => v.capacity(),
        }
    }
}

impl Default for Evidence {
    fn default() -> Evidence {
        Evidence(Inner::Many(ThinVec::new()))
    }
}

impl std::ops::Deref for Evidence {
    type Target = [Citation];
    fn deref(&self) -> &[Citation] {
        match &self.0 {
            Inner::One(c) => std::slice::from_ref(c),
            Inner::Many(v) => v,
        }
    }
}

impl std::ops::DerefMut for Evidence {
    fn deref_mut(&mut self) -> &mut [Citation] {
        match &mut self.0 {
            Inner::One(c) => std::slice::from_mut(c),
            Inner::Many(v) => v,
        }
    }
}

impl std::fmt::Debug for Evidence {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl Extend<Citation> for Evidence {
    fn extend<I: IntoIterator<Item = Citation>>(&mut self, iter: I) {
        for c in iter {
            self.push(c);
        }
    }
}

impl FromIterator<Citation> for Evidence {
    fn from_iter<I: IntoIterator<Item = Citation>>(iter: I) -> Evidence {
        let mut e = Evidence::default();
        e.extend(iter);
        e
    }
}

impl From<Vec<Citation>> for Evidence {
    fn from(v: Vec<Citation>) -> Evidence {
        v.into_iter().collect()
    }
}

impl<const N: usize> From<[Citation; N]> for Evidence {
    fn from(v: [Citation; N]) -> Evidence {
        v.into_iter().collect()
    }
}

impl From<&[Citation]> for Evidence {
    fn from(v: &[Citation]) -> Evidence {
        v.iter().cloned().collect()
    }
}

impl IntoIterator for Evidence {
    type Item = Citation;
    type IntoIter = std::vec::IntoIter<Citation>;
    fn into_iter(self) -> Self::IntoIter {
        match self.0 {
            Inner::One(c) => vec![c].into_iter(),
            Inner::Many(v) => v.into_iter().collect::<Vec<_>>().into_iter(),
        }
    }
}

impl<'a> IntoIterator for &'a Evidence {
    type Item = &'a Citation;
    type IntoIter = std::slice::Iter<'a, Citation>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cite(n: u32) -> Citation {
        Citation::Seed {
            doc: "d".into(),
            quote: "q".into(),
            line: n,
            column: 1,
        }
    }

    #[test]
    fn keeps_order_one_inline_and_is_one_citation_wide() {
        assert_eq!(
            std::mem::size_of::<Evidence>(),
            std::mem::size_of::<Citation>()
        );
        let mut e = Evidence::default();
        assert!(e.is_empty());
        e.push(cite(1));
        assert!(!e.spilled());
        assert_eq!(e.len(), 1);
        e.extend([cite(2), cite(3)]);
        assert!(e.spilled());
        let lines: Vec<u32> = e
            .iter()
            .map(|c| match c {
                Citation::Seed { line, .. } => *line,
                _ => 0,
            })
            .collect();
        assert_eq!(lines, [1, 2, 3]);
        let back: Evidence = e.clone().into_iter().collect();
        assert_eq!(back, e);
        assert_eq!(Evidence::from([cite(7)]).len(), 1);
        assert_eq!(Evidence::from(Vec::new()).len(), 0);
    }
}
