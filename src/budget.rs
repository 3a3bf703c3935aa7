//! Memory budgets: requests whose estimated memory cannot fit are refused
//! before any work, with the estimate and how to raise the bound, instead
//! of aborting on an allocation failure long after they started.
//!
//! **Invariant:** a request is refused before it does any work or writes
//! anything; an estimate counts what the request keeps at its peak, from
//! the sizes of its structures or a measured peak with a margin.

use std::fmt;

/// The default bound: 4 GiB, or `CASUS_MAX_MEMORY` when set.
pub const DEFAULT_BYTES: u64 = 4 << 30;

/// A memory bound in bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Budget(pub u64);

impl Default for Budget {
    fn default() -> Budget {
        std::env::var("CASUS_MAX_MEMORY")
            .ok()
            .and_then(|v| parse_size(&v).ok())
            .map_or(Budget(DEFAULT_BYTES), Budget)
    }
}

/// A request that would need more memory than its budget.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{what} would need about {} of memory, more than the bound of {}", Bytes(*.needed), Bytes(*.bound))]
pub struct TooBig {
    pub what: String,
    pub needed: u64,
    pub bound: u64,
}

impl Budget {
    /// `Ok` if `needed` bytes fit.
    pub fn check(self, what: impl Into<String>, needed: u64) -> Result<(), TooBig> {
        if needed <= self.0 {
            Ok(())
        } else {
            Err(TooBig {
                what: what.into(),
                needed,
                bound: self.0,
            })
        }
    }
}

/// What `path --all` keeps for `limit` paths of up to `max_hops` hops: the
/// paths (two vectors each) and, for printing, a view of every hop with
/// its actors and evidence (counted at 512 bytes a hop).
pub fn all_paths_estimate(limit: usize, max_hops: usize) -> u64 {
    let per_path = 96u64.saturating_add((max_hops as u64).saturating_mul(8 + 512));
    (limit as u64).saturating_mul(per_path)
}

/// Bytes in a human unit (`1.5 GiB`).
pub struct Bytes(pub u64);

impl fmt::Display for Bytes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];
        let mut v = self.0 as f64;
        let mut u = 0;
        while v >= 1024.0 && u + 1 < units.len() {
            v /= 1024.0;
            u += 1;
        }
        if u == 0 {
            write!(f, "{} B", self.0)
        } else {
            write!(f, "{v:.1} {}", units[u])
        }
    }
}

/// Parses `512M`, `4G`, `4GiB`, `1.5g`, `1000000` (bytes).
///
/// ```
/// use casus::budget::parse_size;
/// assert_eq!(parse_size("4G"), Ok(4 << 30));
/// assert_eq!(parse_size("512m"), Ok(512 << 20));
/// assert_eq!(parse_size("1000"), Ok(1000));
/// assert!(parse_size("lots").is_err());
/// ```
pub fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let split = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(t.len());
    let (num, unit) = t.split_at(split);
    let n: f64 = num
        .parse()
        .map_err(|_| format!("`{s}` is not a size; write e.g. 512M, 4G or 16G"))?;
    let mult: u64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kb" | "kib" => 1 << 10,
        "m" | "mb" | "mib" => 1 << 20,
        "g" | "gb" | "gib" => 1 << 30,
        "t" | "tb" | "tib" => 1 << 40,
        other => return Err(format!("unknown unit `{other}` in `{s}`; use K, M, G or T")),
    };
    let v = n * mult as f64;
    if !v.is_finite() || v < 0.0 || v > u64::MAX as f64 {
        return Err(format!("`{s}` is out of range"));
    }
    Ok(v as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checks_and_reports_in_human_units() {
        let b = Budget(1 << 30);
        assert!(b.check("x", 1 << 29).is_ok());
        let e = b
            .check("generating 10000000 relations", 8 << 30)
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "generating 10000000 relations would need about 8.0 GiB of memory, more than the bound of 1.0 GiB"
        );
    }
}
