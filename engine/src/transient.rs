//! A wrapper for derived, in-memory-only state kept inside a value: caches and marks that a copy starts without,
//! that equality ignores and that debug output names but does not show.

/// Derived state a value carries but does not consist of: a clone starts from `T::default()`, any two compare
/// equal, and `Debug` prints only the type's name. Skip it in serialisation with `#[serde(skip)]`.
#[derive(Default)]
pub struct Transient<T>(pub T);

impl<T: Default> Clone for Transient<T> {
    fn clone(&self) -> Self {
        Self::default()
    }
}

impl<T> PartialEq for Transient<T> {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl<T> Eq for Transient<T> {}

impl<T> std::fmt::Debug for Transient<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(
            std::any::type_name::<T>()
                .rsplit("::")
                .next()
                .unwrap_or("Transient"),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::Transient;

    #[test]
    fn a_clone_starts_afresh_and_equality_ignores_the_state() {
        let a = Transient(vec![1, 2, 3]);
        assert_eq!(a.clone().0, Vec::<i32>::new());
        assert_eq!(a, Transient(Vec::new()));
    }
}
