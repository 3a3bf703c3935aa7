//! Dense symmetric positive-definite solves for the small systems of the
//! logistic fit (a few dozen unknowns): Cholesky factorisation, solve,
//! inverse.
//!
//! Hand-written on purpose (ARCHITECTURE.md): the systems are at most
//! about 30x30, and a linear-algebra crate would be a large dependency for
//! thirty lines. Invariant: no allocation beyond the factor and the
//! results; a matrix that is not positive definite is refused, never
//! "repaired".

// Matrix code reads best with row and column indices.
#![allow(clippy::needless_range_loop)]

/// A square matrix stored by rows.
pub type Matrix = Vec<Vec<f64>>;

/// The lower-triangular Cholesky factor L of a symmetric positive-definite
/// matrix (A = L L^T), or `None` if A is not positive definite.
///
/// ```
/// use casus::stats::linalg::cholesky;
/// let l = cholesky(&vec![vec![4.0, 2.0], vec![2.0, 3.0]]).unwrap();
/// assert_eq!(l[0][0], 2.0);
/// assert_eq!(l[1][0], 1.0);
/// assert!((l[1][1] - 2f64.sqrt()).abs() < 1e-12);
/// ```
pub fn cholesky(a: &Matrix) -> Option<Matrix> {
    let n = a.len();
    let mut l = vec![vec![0.0; n]; n];
    for i in 0..n {
        for j in 0..=i {
            let s: f64 = (0..j).map(|k| l[i][k] * l[j][k]).sum();
            if i == j {
                let d = a[i][i] - s;
                if d <= 0.0 || !d.is_finite() {
                    return None;
                }
                l[i][i] = d.sqrt();
            } else {
                l[i][j] = (a[i][j] - s) / l[j][j];
            }
        }
    }
    Some(l)
}

/// Solves L L^T x = b given the Cholesky factor L.
pub fn solve(l: &Matrix, b: &[f64]) -> Vec<f64> {
    let n = l.len();
    let mut y = vec![0.0; n];
    for i in 0..n {
        let s: f64 = (0..i).map(|k| l[i][k] * y[k]).sum();
        y[i] = (b[i] - s) / l[i][i];
    }
    let mut x = vec![0.0; n];
    for i in (0..n).rev() {
        let s: f64 = (i + 1..n).map(|k| l[k][i] * x[k]).sum();
        x[i] = (y[i] - s) / l[i][i];
    }
    x
}

/// The inverse of A = L L^T, column by column.
pub fn inverse(l: &Matrix) -> Matrix {
    let n = l.len();
    let mut inv = vec![vec![0.0; n]; n];
    for j in 0..n {
        let mut e = vec![0.0; n];
        e[j] = 1.0;
        let col = solve(l, &e);
        for i in 0..n {
            inv[i][j] = col[i];
        }
    }
    inv
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn solves_and_inverts_a_3x3_system() {
        let a = vec![
            vec![4.0, 12.0, -16.0],
            vec![12.0, 37.0, -43.0],
            vec![-16.0, -43.0, 98.0],
        ];
        let l = cholesky(&a).unwrap();
        // The textbook factor of this matrix: [[2,0,0],[6,1,0],[-8,5,3]].
        assert_eq!(
            l,
            vec![
                vec![2.0, 0.0, 0.0],
                vec![6.0, 1.0, 0.0],
                vec![-8.0, 5.0, 3.0]
            ]
        );
        let x = solve(&l, &[1.0, 2.0, 3.0]);
        for (i, row) in a.iter().enumerate() {
            let ax: f64 = row.iter().zip(&x).map(|(a, x)| a * x).sum();
            assert!((ax - [1.0, 2.0, 3.0][i]).abs() < 1e-9);
        }
        let inv = inverse(&l);
        for i in 0..3 {
            for j in 0..3 {
                let p: f64 = (0..3).map(|k| a[i][k] * inv[k][j]).sum();
                assert!((p - if i == j { 1.0 } else { 0.0 }).abs() < 1e-9);
            }
        }
    }

    #[test]
    fn refuses_a_matrix_that_is_not_positive_definite() {
        assert!(cholesky(&vec![vec![1.0, 2.0], vec![2.0, 1.0]]).is_none());
    }
}
