//! A link's parameters as they are read, and the problems found so far: every typed read goes
//! through one of its methods, so each kind of check and problem exists once.

use gossip_engine::Named;

use super::problem::{Expected, Problem, Used};

/// The link's parameters and the problems found so far.
pub(super) struct Reader {
    pub(super) pairs: Vec<(String, String)>,
    pub(super) problems: Vec<Problem>,
}

impl Reader {
    /// The value of `key`; the last one if given twice.
    pub(super) fn get(&self, key: &str) -> Option<&str> {
        self.pairs
            .iter()
            .rev()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// The value of `key`, owned (so that problems can be pushed while it is held).
    pub(super) fn value(&self, key: &str) -> Option<String> {
        self.get(key).map(str::to_owned)
    }

    pub(super) fn bad(&mut self, key: &'static str, value: &str, expected: Expected, used: Used) {
        self.problems.push(Problem::Invalid {
            key,
            value: value.to_owned(),
            expected,
            used,
        });
    }

    /// Whole number `key` (`None` if absent); `default` if it is not one.
    pub(super) fn uint_opt(&mut self, key: &'static str, default: u32) -> Option<u32> {
        let v = self.value(key)?;
        Some(v.trim().parse::<u32>().unwrap_or_else(|_| {
            self.bad(key, &v, Expected::WholeNumber, used(default));
            default
        }))
    }

    /// Whole number `key`, or `default` if absent or not one.
    pub(super) fn uint(&mut self, key: &'static str, default: u32) -> u32 {
        self.uint_opt(key, default).unwrap_or(default)
    }

    /// Finite number `key` (`None` if absent); `default` if it is not one.
    pub(super) fn float_opt(&mut self, key: &'static str, default: f64) -> Option<f64> {
        let v = self.value(key)?;
        let parsed = v.trim().parse::<f64>().ok().filter(|x| x.is_finite());
        Some(parsed.unwrap_or_else(|| {
            self.bad(key, &v, Expected::Number, used(default));
            default
        }))
    }

    /// Number `key`, or `default` if absent or not one.
    pub(super) fn float(&mut self, key: &'static str, default: f64) -> f64 {
        self.float_opt(key, default).unwrap_or(default)
    }

    /// Flag `key`: absent is false, present without a value true.
    pub(super) fn flag(&mut self, key: &'static str) -> bool {
        let Some(v) = self.value(key) else {
            return false;
        };
        match v.trim() {
            "1" | "true" | "yes" | "" => true,
            "0" | "false" | "no" => false,
            _ => {
                self.bad(key, &v, Expected::Flag, used(0));
                false
            }
        }
    }

    /// The index in `names` of the (trimmed) value of `key`: 0 if absent, `None` (a problem
    /// naming `expected` and `fallback`) if it is none of them.
    pub(super) fn choice(
        &mut self,
        key: &'static str,
        names: &[&str],
        expected: Expected,
        fallback: Used,
    ) -> Option<usize> {
        let Some(v) = self.value(key) else {
            return Some(0);
        };
        let i = names.iter().position(|n| *n == v.trim());
        if i.is_none() {
            self.bad(key, v.trim(), expected, fallback);
        }
        i
    }

    /// The value of `key` by the engine's name table for `T`: `default` if absent, `None` (a
    /// problem naming `expected` and `default`) if it names no value.
    pub(super) fn named<T: Named>(
        &mut self,
        key: &'static str,
        expected: Expected,
        default: T,
    ) -> Option<T> {
        let Some(v) = self.value(key) else {
            return Some(default);
        };
        let found = T::from_name(v.trim()).ok();
        if found.is_none() {
            self.bad(key, v.trim(), expected, used(default.as_str()));
        }
        found
    }
}

/// What a link shows for a number or name used in place of a bad value.
pub(super) fn used(v: impl ToString) -> Used {
    Used::Value(v.to_string())
}
