//! The grid file of `gossip-sim sweep plan`: a base configuration and the parameters to vary,
//! keyed by the long names of `run`'s flags, expanded into one list of flags per grid point.

use clap::Parser;
use serde::{Deserialize, Serialize};
use toml::{Table, Value};

use crate::args::{Cli, Cmd};
use crate::plan::Plan;

/// `run` flags a sweep sets itself, or that would change its output rather than its runs.
const RESERVED: [&str; 5] = ["seed", "trials", "threads", "format", "per-round"];

/// One grid point: the values it varies and the `run` flags that configure it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Point {
    /// Position in the grid, from 0 (the last varied parameter changes fastest).
    pub point: u32,
    /// The varied parameters' values, in the grid file's order.
    pub values: Vec<(String, Value)>,
    /// The flags of `gossip-sim run` for this point (base and varied).
    pub args: Vec<String>,
}

/// A flag's long name for a grid key: `repair_every` and `repair-every` both mean
/// `--repair-every`.
fn flag(key: &str) -> String {
    key.replace('_', "-")
}

/// The text of one value as a flag argument; arrays are repeated flags (`kill = ["3@5"]`).
fn push_value(args: &mut Vec<String>, key: &str, v: &Value) -> Result<(), String> {
    let f = format!("--{}", flag(key));
    match v {
        Value::String(s) => args.extend([f, s.clone()]),
        Value::Integer(i) => args.extend([f, i.to_string()]),
        Value::Float(x) => args.extend([f, x.to_string()]),
        Value::Boolean(true) => args.push(f),
        Value::Boolean(false) => {}
        Value::Array(items) => {
            for item in items {
                push_value(args, key, item)?;
            }
        }
        other => {
            return Err(format!(
                "grid: {key} = {other} is not a string, number, boolean or list of them"
            ));
        }
    }
    Ok(())
}

/// Reads a grid file and expands it into its points, each checked by `run`'s own parser and
/// planner, so a bad point is refused before any job runs.
pub fn expand(text: &str) -> Result<(Vec<String>, Vec<Point>), String> {
    let doc: Table = toml::from_str(text).map_err(|e| format!("grid: {}", e.message()))?;
    for key in doc.keys() {
        if key != "base" && key != "vary" {
            return Err(format!(
                "grid: unknown section [{key}]; expected [base] and [vary]"
            ));
        }
    }
    let empty = Table::new();
    let section = |name: &str| match doc.get(name) {
        None => Ok(&empty),
        Some(Value::Table(t)) => Ok(t),
        Some(_) => Err(format!("grid: {name} must be a table ([{name}])")),
    };
    let (base, vary) = (section("base")?, section("vary")?);
    for key in base.keys().chain(vary.keys()) {
        if RESERVED.contains(&flag(key).as_str()) {
            return Err(format!(
                "grid: {key} cannot be set: a sweep derives seeds and trials itself, and merge chooses the format"
            ));
        }
        if base.contains_key(key) && vary.contains_key(key) {
            return Err(format!("grid: {key} is both in [base] and in [vary]"));
        }
    }
    let mut axes: Vec<(&String, &Vec<Value>)> = Vec::new();
    for (key, v) in vary {
        match v {
            Value::Array(items) if !items.is_empty() => axes.push((key, items)),
            _ => return Err(format!("grid: [vary] {key} must be a non-empty list")),
        }
    }
    let count = axes.iter().try_fold(1u64, |n, (_, items)| {
        n.checked_mul(items.len() as u64)
            .filter(|&n| n <= 1_000_000)
    });
    let Some(count) = count else {
        return Err("grid: more than 1000000 points".into());
    };
    let mut base_args = Vec::new();
    for (key, v) in base {
        push_value(&mut base_args, key, v)?;
    }
    let names: Vec<String> = axes.iter().map(|(k, _)| (*k).clone()).collect();
    let mut points = Vec::with_capacity(count as usize);
    for p in 0..count {
        // Mixed-radix digits of p, the last axis fastest.
        let mut rest = p;
        let mut picked = vec![None; axes.len()];
        for (i, (_, items)) in axes.iter().enumerate().rev() {
            let n = items.len() as u64;
            picked[i] = Some(&items[(rest % n) as usize]);
            rest /= n;
        }
        let mut args = base_args.clone();
        let mut values = Vec::with_capacity(axes.len());
        for ((key, _), v) in axes.iter().zip(picked.into_iter().flatten()) {
            push_value(&mut args, key, v)?;
            values.push(((*key).clone(), v.clone()));
        }
        let point = Point {
            point: p as u32,
            values,
            args,
        };
        point
            .plan()
            .map_err(|e| format!("grid point {p} ({}): {e}", point.label()))?;
        points.push(point);
    }
    Ok((names, points))
}

impl Point {
    /// `k=2 fanout=1`, for messages.
    pub fn label(&self) -> String {
        let parts: Vec<String> = self
            .values
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect();
        if parts.is_empty() {
            "the base".into()
        } else {
            parts.join(" ")
        }
    }

    /// The point's `run` plan (one trial; the job chooses the seed).
    pub fn plan(&self) -> Result<Plan, String> {
        let argv = ["gossip-sim", "run"]
            .into_iter()
            .map(String::from)
            .chain(self.args.iter().cloned());
        let cli = Cli::try_parse_from(argv).map_err(|e| {
            let text = e.render().to_string();
            text.lines().next().unwrap_or("").trim().to_string()
        })?;
        let Cmd::Run(a) = cli.cmd else {
            unreachable!("the argv names the run subcommand")
        };
        Plan::from_args(&a)
    }
}
