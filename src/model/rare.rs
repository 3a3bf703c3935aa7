//! [`Rare`]: a group of fields most values leave empty, kept in one box
//! that exists only when a field is set, read and written as if inline.
//!
//! Invariant: a `Rare` never holds a box whose value is empty after it has
//! been made or compacted ([`Rare::compact`]), and it serialises exactly as
//! the value it wraps (an empty one when there is no box), so that the
//! serialised forms do not change when a struct's fields move into one.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A value type with an empty value that lives as long as the process.
pub trait Empty: Default + PartialEq + 'static {
    /// The empty value (what a `Rare` without a box reads).
    fn empty() -> &'static Self;
}

/// `T`'s fields in a box made on first write; reading with no box gives
/// the empty `T` (8 bytes instead of `T`'s size inline).
#[derive(Clone, PartialEq, Default)]
pub struct Rare<T: Empty>(Option<Box<T>>);

impl<T: Empty> Rare<T> {
    /// Drops the box if its value is empty.
    pub fn compact(&mut self) {
        if self.0.as_deref().is_some_and(|v| v == T::empty()) {
            self.0 = None;
        }
    }

    /// `true` when a box is held (some field may be set).
    pub fn is_boxed(&self) -> bool {
        self.0.is_some()
    }
}

impl<T: Empty> From<T> for Rare<T> {
    fn from(v: T) -> Rare<T> {
        let mut r = Rare(Some(Box::new(v)));
        r.compact();
        r
    }
}

impl<T: Empty> std::ops::Deref for Rare<T> {
    type Target = T;
    fn deref(&self) -> &T {
        self.0.as_deref().unwrap_or(T::empty())
    }
}

impl<T: Empty> std::ops::DerefMut for Rare<T> {
    /// Makes the box on first write.
    fn deref_mut(&mut self) -> &mut T {
        self.0.get_or_insert_with(Box::default)
    }
}

impl<T: Empty + std::fmt::Debug> std::fmt::Debug for Rare<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        (**self).fmt(f)
    }
}

impl<T: Empty + Serialize> Serialize for Rare<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        (**self).serialize(s)
    }
}

impl<'de, T: Empty + Deserialize<'de>> Deserialize<'de> for Rare<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Rare<T>, D::Error> {
        T::deserialize(d).map(Rare::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
    struct Two {
        a: Option<u32>,
        b: Vec<u8>,
    }

    static NO_TWO: Two = Two {
        a: None,
        b: Vec::new(),
    };

    impl Empty for Two {
        fn empty() -> &'static Two {
            &NO_TWO
        }
    }

    #[test]
    fn boxed_only_while_set_and_serialised_as_the_value() {
        let mut r: Rare<Two> = Rare::default();
        assert!(!r.is_boxed());
        assert_eq!(r.a, None);
        r.a = Some(3);
        assert!(r.is_boxed());
        assert_eq!(r.a, Some(3));
        let plain = Two {
            a: Some(3),
            b: vec![],
        };
        assert_eq!(
            serde_json::to_string(&r).unwrap(),
            serde_json::to_string(&plain).unwrap()
        );
        assert_eq!(
            postcard::to_allocvec(&r).unwrap(),
            postcard::to_allocvec(&plain).unwrap()
        );
        let back: Rare<Two> = serde_json::from_str(r#"{"a":null,"b":[]}"#).unwrap();
        assert!(!back.is_boxed(), "an empty value is not boxed");
        r.a = None;
        r.compact();
        assert!(!r.is_boxed());
        assert_eq!(std::mem::size_of::<Rare<Two>>(), 8);
    }
}
