//! Evaluations of triangulate against public benchmarks with ground truth and against the seeds
//! acceptance list. Each evaluation is one module with a `run` function that prints a readable
//! account to `out` and returns its headline [`Figures`], which the CLI compares with the floors
//! recorded in the repository.

pub mod extraction;
pub mod framing;
pub mod meantime;
pub mod newswcl;
pub mod polnear;
pub mod scale;
pub mod seeds;
pub mod stories;
pub mod timebank;

use std::path::PathBuf;

/// Named headline figures of one evaluation run, in the order printed (e.g. `f1`, `pages_per_s`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Figures(pub Vec<(String, f64)>);

impl Figures {
    pub fn push(&mut self, name: impl Into<String>, value: f64) {
        self.0.push((name.into(), value));
    }

    pub fn value(&self, name: &str) -> Option<f64> {
        self.0.iter().find(|(n, _)| n == name).map(|(_, v)| *v)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    #[error("cannot read {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot parse {path}: {reason}")]
    Parse { path: PathBuf, reason: String },
    #[error("cannot write the evaluation output: {0}")]
    Output(#[from] std::io::Error),
}

impl EvalError {
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        EvalError::Io {
            path: path.into(),
            source,
        }
    }

    pub fn parse(path: impl Into<PathBuf>, reason: impl ToString) -> Self {
        EvalError::Parse {
            path: path.into(),
            reason: reason.to_string(),
        }
    }
}
