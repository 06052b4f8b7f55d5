//! What every flat serde form shares (`command_form.rs`, `config_form.rs`,
//! `topology/form.rs`): a field the form's kind requires, refused in serde's words.

/// `v`, or serde's refusal of a missing field named `name`.
pub(crate) fn need<T>(v: Option<T>, name: &str) -> Result<T, String> {
    v.ok_or_else(|| format!("missing field `{name}`"))
}
