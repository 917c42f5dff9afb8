//! Side effects behind small traits, with in-memory defaults here and browser implementations in the app.

/// A source of real (wall-clock) time, used only to pace the virtual clock in front ends.
pub trait Clock {
    /// Milliseconds since some fixed origin; only differences matter.
    fn now_ms(&self) -> f64;
}

/// A key-value store for saved sessions.
pub trait Storage {
    /// Reads the value saved under `key`.
    fn load(&self, key: &str) -> Option<String>;
    /// Saves `value` under `key`, returning an error text when the store refuses.
    fn save(&mut self, key: &str, value: &str) -> Result<(), String>;
    /// Removes the value saved under `key`.
    fn remove(&mut self, key: &str);
}

/// A seeded pseudo-random source; the same seed always gives the same sequence.
pub trait Random {
    /// The next 64 random bits.
    fn next_u64(&mut self) -> u64;

    /// A number in `0..n` (n > 0).
    fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }
}

/// A clock that only moves when told to; the default for tests and the native runner.
#[derive(Debug, Default, Clone)]
pub struct ManualClock {
    /// The current reading in milliseconds.
    pub now: f64,
}

impl Clock for ManualClock {
    fn now_ms(&self) -> f64 {
        self.now
    }
}

/// Storage kept in memory, lost when dropped.
#[derive(Debug, Default, Clone)]
pub struct MemoryStorage {
    entries: std::collections::BTreeMap<String, String>,
}

impl Storage for MemoryStorage {
    fn load(&self, key: &str) -> Option<String> {
        self.entries.get(key).cloned()
    }
    fn save(&mut self, key: &str, value: &str) -> Result<(), String> {
        self.entries.insert(key.to_owned(), value.to_owned());
        Ok(())
    }
    fn remove(&mut self, key: &str) {
        self.entries.remove(key);
    }
}

/// SplitMix64: a tiny, fast, seedable generator, good enough for names and addresses.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct SplitMix64 {
    state: u64,
}

impl SplitMix64 {
    /// A generator that starts from `seed`.
    pub fn new(seed: u64) -> Self {
        Self { state: seed }
    }
}

impl Random for SplitMix64 {
    fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splitmix_is_deterministic_and_varied() {
        let mut a = SplitMix64::new(7);
        let mut b = SplitMix64::new(7);
        let xs: Vec<u64> = (0..4).map(|_| a.next_u64()).collect();
        let ys: Vec<u64> = (0..4).map(|_| b.next_u64()).collect();
        assert_eq!(xs, ys);
        assert_ne!(xs[0], xs[1]);
        assert!(SplitMix64::new(1).below(10) < 10);
    }
}
