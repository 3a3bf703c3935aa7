//! Interned names: a [`Sym`] is a 4-byte handle on a string kept once per
//! process (relation type names, reference and document ids), so that a
//! million relations of a few dozen types do not hold a million copies.
//!
//! Invariant: no two symbols name the same string, and a symbol never
//! changes or loses its string (interned strings are never freed: they are
//! the vocabulary of the graphs a process loads, a few thousand at most).
//! Reading a symbol takes no lock.
//!
//! Hand-written rather than a crate: the handle must read as a `&str` with
//! no graph at hand (every `rel.rtype == "ally"` in the code base), take 4
//! bytes, and resolve without a lock; `ustr` takes 8 bytes and `lasso`
//! resolves through its interner.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

/// Symbols are stored in chunks of this many, allocated as needed.
const CHUNK: usize = 4096;
/// Up to `CHUNK * CHUNKS` (16.7 million) distinct strings.
const CHUNKS: usize = 4096;

type Chunk = Box<[OnceLock<&'static str>]>;

static TABLE: [OnceLock<Chunk>; CHUNKS] = [const { OnceLock::new() }; CHUNKS];
static INDEX: Mutex<Option<HashMap<&'static str, u32>>> = Mutex::new(None);

/// An interned string: compares, hashes and copies as a `u32`, orders and
/// prints as its string, and reads as `&str` (it derefs to `str`).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Sym(u32);

impl Sym {
    /// The symbol of `s`, interning it on first use.
    pub fn new(s: &str) -> Sym {
        let mut guard = INDEX.lock().unwrap_or_else(|e| e.into_inner());
        let index = guard.get_or_insert_with(HashMap::new);
        if let Some(&id) = index.get(s) {
            return Sym(id);
        }
        let id = index.len();
        assert!(id < CHUNK * CHUNKS, "more than 16.7 million interned names");
        let text: &'static str = Box::leak(s.to_owned().into_boxed_str());
        let chunk = TABLE[id / CHUNK].get_or_init(|| {
            (0..CHUNK)
                .map(|_| OnceLock::new())
                .collect::<Vec<_>>()
                .into()
        });
        // Set before the id is handed out: a reader holding the id sees it.
        let _ = chunk[id % CHUNK].set(text);
        index.insert(text, id as u32);
        Sym(id as u32)
    }

    /// The string (lives as long as the process).
    pub fn as_str(self) -> &'static str {
        let i = self.0 as usize;
        TABLE[i / CHUNK]
            .get()
            .and_then(|c| c[i % CHUNK].get())
            .expect("a symbol is set before it is handed out")
    }
}

impl std::ops::Deref for Sym {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Sym {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl From<&str> for Sym {
    fn from(s: &str) -> Sym {
        Sym::new(s)
    }
}

impl From<String> for Sym {
    fn from(s: String) -> Sym {
        Sym::new(&s)
    }
}

impl From<&String> for Sym {
    fn from(s: &String) -> Sym {
        Sym::new(s)
    }
}

impl From<Sym> for String {
    fn from(s: Sym) -> String {
        s.as_str().to_string()
    }
}

impl PartialOrd for Sym {
    fn partial_cmp(&self, other: &Sym) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Sym {
    /// By string, as the `String` it replaces ordered.
    fn cmp(&self, other: &Sym) -> std::cmp::Ordering {
        if self.0 == other.0 {
            return std::cmp::Ordering::Equal;
        }
        self.as_str().cmp(other.as_str())
    }
}

impl PartialEq<str> for Sym {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}
impl PartialEq<&str> for Sym {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}
impl PartialEq<String> for Sym {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other.as_str()
    }
}
impl PartialEq<Sym> for str {
    fn eq(&self, other: &Sym) -> bool {
        self == other.as_str()
    }
}
impl PartialEq<Sym> for &str {
    fn eq(&self, other: &Sym) -> bool {
        *self == other.as_str()
    }
}
impl PartialEq<Sym> for String {
    fn eq(&self, other: &Sym) -> bool {
        self.as_str() == other.as_str()
    }
}

impl std::fmt::Display for Sym {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::fmt::Debug for Sym {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.as_str(), f)
    }
}

impl Serialize for Sym {
    /// As its string: the serialised form is the `String`'s.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Sym {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Sym, D::Error> {
        let s = std::borrow::Cow::<'de, str>::deserialize(d)?;
        Ok(Sym::new(&s))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_symbol_per_string_and_order_by_string() {
        let (a, b) = (Sym::new("zz-sym-test"), Sym::new("aa-sym-test"));
        assert_eq!(a, Sym::new("zz-sym-test"));
        assert_ne!(a, b);
        assert_eq!(a.as_str(), "zz-sym-test");
        assert!(b < a);
        assert!(a == "zz-sym-test" && "aa-sym-test" == b);
        let json = serde_json::to_string(&a).unwrap();
        assert_eq!(json, "\"zz-sym-test\"");
        assert_eq!(serde_json::from_str::<Sym>(&json).unwrap(), a);
    }
}
