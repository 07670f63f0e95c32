//! Floors: the lowest accepted value of each evaluation figure, recorded in the repository and
//! only ever raised. One `name.figure value` pair a line; `#` starts a comment.

use std::path::Path;

use anyhow::{Context, Result};
use triangulate_eval::Figures;

pub fn read(path: &Path) -> Result<Vec<(String, f64)>> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read the floors file {}", path.display()))?;
    let mut floors = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        let mut parts = line.split_whitespace();
        let (Some(name), Some(value), None) = (parts.next(), parts.next(), parts.next()) else {
            anyhow::bail!("{}:{}: expected `name.figure value`", path.display(), n + 1);
        };
        let value: f64 = value
            .parse()
            .with_context(|| format!("{}:{}: not a number: {value}", path.display(), n + 1))?;
        floors.push((name.to_string(), value));
    }
    Ok(floors)
}

/// The floors of evaluation `eval` that `figures` fall below (or do not report), as lines.
pub fn below(floors: &[(String, f64)], eval: &str, figures: &Figures) -> Vec<String> {
    let prefix = format!("{eval}.");
    floors
        .iter()
        .filter_map(|(name, floor)| {
            let figure = name.strip_prefix(&prefix)?;
            match figures.value(figure) {
                Some(v) if v >= *floor => None,
                Some(v) => Some(format!("{name}: {v:.4} < {floor}")),
                None => Some(format!("{name}: not reported (floor {floor})")),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_below_or_missing_are_named() {
        let floors = vec![
            ("seeds.passed".to_string(), 30.0),
            ("extract.f1".to_string(), 0.9),
            ("seeds.speed".to_string(), 1.0),
        ];
        let mut figures = Figures::default();
        figures.push("passed", 29.0);
        let below = below(&floors, "seeds", &figures);
        assert_eq!(
            below,
            vec![
                "seeds.passed: 29.0000 < 30".to_string(),
                "seeds.speed: not reported (floor 1)".to_string()
            ]
        );
    }
}
