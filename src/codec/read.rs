//! Typed fields out of JSON objects, with the rules and error messages of serde's derives.
//!
//! A reader asks for the fields it knows, by name; members it never asks for are ignored,
//! as serde ignores unknown fields (unless [`deny_unknown`] is called). A known field given
//! twice is an error ("duplicate field"), as in serde. Integer fields take only JSON
//! integers in range; `f64` fields take any number. The messages are shown to users, so
//! they name the field and stay short: "missing field `seed`", "invalid type: expected an
//! integer for `round`, found a string", "unknown variant `x`, expected one of ...".
//!
//! Every helper takes and returns plain values (no closures or generics), so each exists
//! once in the wasm however many types use it.

use super::json::Json;

/// The members of an object.
pub type Members = [(String, Json)];

#[inline(never)]
fn invalid_type(name: &str, expected: &str, found: &Json) -> String {
    format!(
        "invalid type: expected {expected} for `{name}`, found {}",
        found.kind()
    )
}

/// The members of `v`, which must be an object (`name` is what it is, for the error).
#[inline(never)]
pub fn object<'a>(v: &'a Json, name: &str) -> Result<&'a Members, String> {
    match v {
        Json::Obj(m) => Ok(m),
        other => Err(invalid_type(name, "an object", other)),
    }
}

/// Field `name`, if present; present twice is an error.
#[inline(never)]
pub fn get<'a>(m: &'a Members, name: &str) -> Result<Option<&'a Json>, String> {
    let mut found = None;
    for (k, v) in m {
        if k == name {
            if found.is_some() {
                return Err(format!("duplicate field `{name}`"));
            }
            found = Some(v);
        }
    }
    Ok(found)
}

/// Field `name`, which must be present.
#[inline(never)]
pub fn need<'a>(m: &'a Members, name: &str) -> Result<&'a Json, String> {
    get(m, name)?.ok_or_else(|| format!("missing field `{name}`"))
}

/// `v` as an integer in 0..=max.
#[inline(never)]
pub fn uint(v: &Json, name: &str, max: u64) -> Result<u64, String> {
    match *v {
        Json::Uint(n) if n <= max => Ok(n),
        Json::Uint(n) => Err(format!(
            "invalid value: {n} is out of range for `{name}` (at most {max})"
        )),
        Json::Int(n) => Err(format!(
            "invalid value: {n} is out of range for `{name}` (at least 0)"
        )),
        _ => Err(invalid_type(name, "an integer", v)),
    }
}

/// `v` as a number.
#[inline(never)]
pub fn float(v: &Json, name: &str) -> Result<f64, String> {
    match *v {
        Json::Uint(n) => Ok(n as f64),
        Json::Int(n) => Ok(n as f64),
        Json::Float(f) if f.is_finite() => Ok(f),
        Json::Float(_) => Err(format!("invalid value: `{name}` is out of range for f64")),
        _ => Err(invalid_type(name, "a number", v)),
    }
}

/// `bool` field defaulting to `false` when absent.
#[inline(never)]
pub fn bool_or_false(m: &Members, name: &str) -> Result<bool, String> {
    match get(m, name)? {
        None => Ok(false),
        Some(Json::Bool(b)) => Ok(*b),
        Some(v) => Err(invalid_type(name, "a boolean", v)),
    }
}

/// `v` as a string.
#[inline(never)]
pub fn string(v: &Json, name: &str) -> Result<String, String> {
    match v {
        Json::Str(s) => Ok(s.clone()),
        _ => Err(invalid_type(name, "a string", v)),
    }
}

/// `v` as an array.
#[inline(never)]
pub fn array<'a>(v: &'a Json, name: &str) -> Result<&'a [Json], String> {
    match v {
        Json::Arr(items) => Ok(items),
        _ => Err(invalid_type(name, "an array", v)),
    }
}

/// `v` as one of `names` (an enum written as its variant's name): the variant's index.
#[inline(never)]
pub fn variant(v: &Json, name: &str, names: &[&str]) -> Result<usize, String> {
    let Json::Str(s) = v else {
        return Err(invalid_type(name, "a string", v));
    };
    names.iter().position(|n| n == s).ok_or_else(|| {
        format!(
            "unknown variant `{s}`, expected one of {}",
            quoted_list(names)
        )
    })
}

/// Refuses any member but `tag` and `allowed` (serde's `deny_unknown_fields`).
#[inline(never)]
pub fn deny_unknown(m: &Members, tag: &str, allowed: &[&str]) -> Result<(), String> {
    match m
        .iter()
        .find(|(k, _)| k != tag && !allowed.contains(&k.as_str()))
    {
        None => Ok(()),
        Some((k, _)) if allowed.is_empty() => {
            Err(format!("unknown field `{k}`, there are no fields"))
        }
        Some((k, _)) => Err(format!(
            "unknown field `{k}`, expected one of {}",
            quoted_list(allowed)
        )),
    }
}

/// Reads the fields of one document in order, keeping the first error and going on with a
/// stand-in value (0, empty, `null`) after it; [`Doc::finish`] then returns that error.
///
/// The outcome is what reading with `?` after every field gives (the first error in reading
/// order, or the value), but the reading code has no error path per field: with `?`, every
/// field of every type compiled to its own branch that moves the error out and drops what
/// was built so far, which was most of the reader's code.
#[derive(Default)]
pub struct Doc {
    error: Option<String>,
}

/// What a missing or unreadable value reads as, after the error was kept.
static NULL: Json = Json::Null;

impl Doc {
    #[inline(never)]
    fn keep(&mut self, e: String) {
        if self.error.is_none() {
            self.error = Some(e);
        }
    }

    /// The value read, or the first error met while reading it.
    pub fn finish<T>(self, value: T) -> Result<T, String> {
        match self.error {
            None => Ok(value),
            Some(e) => Err(e),
        }
    }

    /// Keeps the error of a check.
    #[inline(never)]
    pub fn check(&mut self, result: Result<(), String>) {
        if let Err(e) = result {
            self.keep(e);
        }
    }

    /// See [`object`]; no members on error.
    #[inline(never)]
    pub fn object<'a>(&mut self, v: &'a Json, name: &str) -> &'a Members {
        object(v, name).unwrap_or_else(|e| {
            self.keep(e);
            &[]
        })
    }

    /// See [`get`]; `None` on error.
    #[inline(never)]
    pub fn get<'a>(&mut self, m: &'a Members, name: &str) -> Option<&'a Json> {
        get(m, name).unwrap_or_else(|e| {
            self.keep(e);
            None
        })
    }

    /// See [`need`]; `null` on error.
    #[inline(never)]
    pub fn need<'a>(&mut self, m: &'a Members, name: &str) -> &'a Json {
        need(m, name).unwrap_or_else(|e| {
            self.keep(e);
            &NULL
        })
    }

    /// See [`uint`]; 0 on error.
    #[inline(never)]
    pub fn uint(&mut self, v: &Json, name: &str, max: u64) -> u64 {
        uint(v, name, max).unwrap_or_else(|e| {
            self.keep(e);
            0
        })
    }

    /// Required `u32` field; 0 on error.
    #[inline(never)]
    pub fn u32(&mut self, m: &Members, name: &str) -> u32 {
        let v = self.need(m, name);
        self.uint(v, name, u32::MAX.into()) as u32
    }

    /// `u32` field defaulting to 0 when absent (serde's `#[serde(default)]`).
    #[inline(never)]
    pub fn u32_or_zero(&mut self, m: &Members, name: &str) -> u32 {
        match self.get(m, name) {
            None => 0,
            Some(v) => self.uint(v, name, u32::MAX.into()) as u32,
        }
    }

    /// `Option<u32>` field: absent or `null` is `None`; `None` on error too.
    #[inline(never)]
    pub fn opt_u32(&mut self, m: &Members, name: &str) -> Option<u32> {
        match self.get(m, name) {
            None | Some(Json::Null) => None,
            Some(v) => Some(self.uint(v, name, u32::MAX.into()) as u32),
        }
    }

    /// See [`float`]; 0 on error.
    #[inline(never)]
    pub fn float(&mut self, v: &Json, name: &str) -> f64 {
        float(v, name).unwrap_or_else(|e| {
            self.keep(e);
            0.0
        })
    }

    /// Required `f64` field; 0 on error.
    pub fn f64(&mut self, m: &Members, name: &str) -> f64 {
        let v = self.need(m, name);
        self.float(v, name)
    }

    /// See [`bool_or_false`].
    #[inline(never)]
    pub fn bool_or_false(&mut self, m: &Members, name: &str) -> bool {
        bool_or_false(m, name).unwrap_or_else(|e| {
            self.keep(e);
            false
        })
    }

    /// See [`string`]; empty on error.
    #[inline(never)]
    pub fn string(&mut self, v: &Json, name: &str) -> String {
        string(v, name).unwrap_or_else(|e| {
            self.keep(e);
            String::new()
        })
    }

    /// See [`array`]; empty on error.
    #[inline(never)]
    pub fn array<'a>(&mut self, v: &'a Json, name: &str) -> &'a [Json] {
        array(v, name).unwrap_or_else(|e| {
            self.keep(e);
            &[]
        })
    }

    /// See [`variant`]; 0 on error.
    #[inline(never)]
    pub fn variant(&mut self, v: &Json, name: &str, names: &[&str]) -> usize {
        variant(v, name, names).unwrap_or_else(|e| {
            self.keep(e);
            0
        })
    }

    /// Required field `name` as one of `names`; 0 on error.
    pub fn variant_field(&mut self, m: &Members, name: &str, names: &[&str]) -> usize {
        let v = self.need(m, name);
        self.variant(v, name, names)
    }
}

/// "`a`, `b`, `c`".
fn quoted_list(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    quoted.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codec::json::parse;

    /// One field read by a fresh [`Doc`]: its value or its error.
    fn one<T>(read: impl FnOnce(&mut Doc) -> T) -> Result<T, String> {
        let mut r = Doc::default();
        let v = read(&mut r);
        r.finish(v)
    }

    fn u32_field(m: &Members, name: &str) -> Result<u32, String> {
        one(|r| r.u32(m, name))
    }

    fn f64_field(m: &Members, name: &str) -> Result<f64, String> {
        one(|r| r.f64(m, name))
    }

    #[test]
    fn fields_follow_serde_rules() {
        let v = parse(r#"{"a": 7, "b": -1, "c": 1.5, "d": null, "e": "x", "a2": 4294967296, "d2": 1, "d2": 2}"#)
            .expect("json");
        let m = object(&v, "doc").expect("object");
        assert_eq!(u32_field(m, "a"), Ok(7));
        assert_eq!(f64_field(m, "a"), Ok(7.0));
        assert_eq!(f64_field(m, "b"), Ok(-1.0));
        assert_eq!(
            u32_field(m, "b"),
            Err("invalid value: -1 is out of range for `b` (at least 0)".into())
        );
        assert_eq!(
            u32_field(m, "c"),
            Err("invalid type: expected an integer for `c`, found a floating point number".into())
        );
        assert!(u32_field(m, "a2").is_err());
        assert_eq!(u32_field(m, "zz"), Err("missing field `zz`".into()));
        assert_eq!(one(|r| r.u32_or_zero(m, "zz")), Ok(0));
        assert_eq!(one(|r| r.opt_u32(m, "d")), Ok(None));
        assert_eq!(one(|r| r.opt_u32(m, "zz")), Ok(None));
        assert_eq!(u32_field(m, "d2"), Err("duplicate field `d2`".into()));
        assert_eq!(
            one(|r| r.variant_field(m, "e", &["p", "q"])),
            Err("unknown variant `x`, expected one of `p`, `q`".into())
        );
        assert_eq!(one(|r| r.variant_field(m, "e", &["p", "x"])), Ok(1));
        assert_eq!(bool_or_false(m, "zz"), Ok(false));
        assert!(bool_or_false(m, "a").is_err());
        assert!(deny_unknown(m, "a", &["b", "c", "d", "e", "a2", "d2"]).is_ok());
        assert_eq!(
            deny_unknown(m, "a", &["b"]),
            Err("unknown field `c`, expected one of `b`".into())
        );
        assert!(object(&Json::Null, "doc").is_err());
    }
}
