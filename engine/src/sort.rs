//! Stable sorting through one compiled copy of the standard library's sort, to keep the browser download small.
//!
//! Every call of `slice::sort_by` with its own element type and comparison compiles the whole sort algorithm
//! again: the app's wasm carried about a hundred copies, 400 KB raw. The methods here sort a list of positions
//! with one comparison behind a `dyn` call, so the algorithm is compiled once, then move the elements into that
//! order, which is the only code compiled per element type. Like `slice::sort_by` they are stable. The
//! workspace's clippy configuration refuses the standard methods so that new code sorts through these.

use std::cmp::Ordering;

/// Stable sorting of a slice with one shared instance of the sort algorithm.
pub trait SortShared<T> {
    /// Sorts by `Ord`, keeping equal elements in their order.
    fn sort_shared(&mut self)
    where
        T: Ord;

    /// Sorts by a comparison, keeping equal elements in their order.
    fn sort_shared_by(&mut self, compare: impl FnMut(&T, &T) -> Ordering);

    /// Sorts by a key, keeping elements with equal keys in their order.
    fn sort_shared_by_key<K: Ord>(&mut self, mut key: impl FnMut(&T) -> K) {
        self.sort_shared_by(|a, b| key(a).cmp(&key(b)));
    }
}

impl<T> SortShared<T> for [T] {
    fn sort_shared(&mut self)
    where
        T: Ord,
    {
        self.sort_shared_by(T::cmp);
    }

    fn sort_shared_by(&mut self, mut compare: impl FnMut(&T, &T) -> Ordering) {
        if self.len() < 2 {
            return;
        }
        let order = sorted_positions(self.len(), &mut |a, b| compare(&self[a], &self[b]));
        permute(self, &order);
    }
}

/// The positions `0..len` in the order `compare` puts them, stably; the one place the sort is instantiated.
#[allow(clippy::disallowed_methods)]
fn sorted_positions(len: usize, compare: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_by(|a, b| compare(*a, *b));
    order
}

/// Rearranges `items` so that position `k` holds the element that was at `order[k]`, following each cycle of
/// the permutation with swaps.
fn permute<T>(items: &mut [T], order: &[usize]) {
    let mut placed = vec![false; items.len()];
    for start in 0..items.len() {
        let mut at = start;
        while !placed[at] {
            placed[at] = true;
            let from = order[at];
            if from == start {
                break;
            }
            items.swap(at, from);
            at = from;
        }
    }
}

#[cfg(test)]
#[allow(clippy::disallowed_methods)]
mod tests {
    use super::*;

    /// A small deterministic generator, so the cases cover many lengths and orders without a dependency.
    fn numbers(seed: u64, len: usize, range: u64) -> Vec<u64> {
        let mut state = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (0..len)
            .map(|_| {
                state = state
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                (state >> 33) % range
            })
            .collect()
    }

    #[test]
    fn matches_the_standard_stable_sort() {
        for seed in 0..200 {
            let len = (seed as usize * 7) % 97;
            // Pairs of (key, original position): a few distinct keys make many ties, which shows stability.
            let items: Vec<(u64, usize)> = numbers(seed, len, 5)
                .into_iter()
                .enumerate()
                .map(|(i, k)| (k, i))
                .collect();
            let mut ours = items.clone();
            let mut theirs = items.clone();
            ours.sort_shared_by_key(|item| item.0);
            theirs.sort_by_key(|item| item.0);
            assert_eq!(ours, theirs, "seed {seed}");
        }
    }

    #[test]
    fn sorts_by_ord_and_by_comparison() {
        let mut words = vec!["pod", "node", "deployment", "route", "node"];
        words.sort_shared();
        assert_eq!(words, ["deployment", "node", "node", "pod", "route"]);
        words.sort_shared_by(|a, b| b.len().cmp(&a.len()));
        assert_eq!(words, ["deployment", "route", "node", "node", "pod"]);
    }

    #[test]
    fn moves_owned_elements_without_copying_or_losing_them() {
        let mut names: Vec<String> = numbers(7, 50, 1000)
            .iter()
            .map(|n| format!("n{n}"))
            .collect();
        let mut expected = names.clone();
        expected.sort();
        names.sort_shared();
        assert_eq!(names, expected);
        let mut empty: Vec<String> = Vec::new();
        empty.sort_shared();
        assert!(empty.is_empty());
    }
}
