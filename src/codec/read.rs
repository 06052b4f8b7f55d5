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

/// Required `u32` field.
pub fn u32_field(m: &Members, name: &str) -> Result<u32, String> {
    uint(need(m, name)?, name, u32::MAX.into()).map(|n| n as u32)
}

/// `u32` field defaulting to 0 when absent (serde's `#[serde(default)]`).
pub fn u32_or_zero(m: &Members, name: &str) -> Result<u32, String> {
    match get(m, name)? {
        None => Ok(0),
        Some(v) => uint(v, name, u32::MAX.into()).map(|n| n as u32),
    }
}

/// `Option<u32>` field: absent or `null` is `None`.
pub fn opt_u32(m: &Members, name: &str) -> Result<Option<u32>, String> {
    match get(m, name)? {
        None | Some(Json::Null) => Ok(None),
        Some(v) => uint(v, name, u32::MAX.into()).map(|n| Some(n as u32)),
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

/// Required `f64` field.
pub fn f64_field(m: &Members, name: &str) -> Result<f64, String> {
    float(need(m, name)?, name)
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

/// Required field `name` as one of `names`: the variant's index.
pub fn variant_field(m: &Members, name: &str, names: &[&str]) -> Result<usize, String> {
    variant(need(m, name)?, name, names)
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

/// "`a`, `b`, `c`".
fn quoted_list(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    quoted.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codec::json::parse;

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
        assert_eq!(u32_or_zero(m, "zz"), Ok(0));
        assert_eq!(opt_u32(m, "d"), Ok(None));
        assert_eq!(opt_u32(m, "zz"), Ok(None));
        assert_eq!(u32_field(m, "d2"), Err("duplicate field `d2`".into()));
        assert_eq!(
            variant_field(m, "e", &["p", "q"]),
            Err("unknown variant `x`, expected one of `p`, `q`".into())
        );
        assert_eq!(variant_field(m, "e", &["p", "x"]), Ok(1));
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
