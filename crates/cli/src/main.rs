//! The `triangulate` command: a thin shell over the engine, the renderers and the evaluations.

mod args;
mod floors;

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::Parser;
use indicatif::{ProgressBar, ProgressStyle};
use triangulate_engine::{Progress, RunOptions};
use triangulate_eval::Figures;
use triangulate_report::{render_with, RenderOptions};
use triangulate_store::{SqliteStore, Store, StoryChange};

use args::{Cli, Command, EvalCommand, HistoryArgs, ReportArgs};

/// Exit status when the job finished but some inputs were skipped.
const EXIT_SKIPPED: u8 = 3;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Report(args) => report(args),
        Command::History(args) => history(&args),
        Command::Eval(command) => eval(command),
    };
    match result {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}

fn report(args: ReportArgs) -> Result<ExitCode> {
    let config = args.resolve()?;
    let mut store = SqliteStore::open(&config.db)
        .with_context(|| format!("cannot open the store {}", config.db.display()))?;
    let progress = Bar::new(config.progress);
    let options = RunOptions {
        all_stories: config.all,
        model: config.model,
        ..RunOptions::default()
    };
    let outcome = triangulate_engine::run(&config.paths, &mut store, &options, &progress)?;
    progress.done();
    for problem in &outcome.report.skipped {
        eprintln!("skipped {}: {}", problem.item, problem.error);
    }
    let render_options = RenderOptions {
        color: config.color,
        ..RenderOptions::default()
    };
    match &config.output {
        Some(path) => {
            let mut file = std::io::BufWriter::new(
                std::fs::File::create(path)
                    .with_context(|| format!("cannot create {}", path.display()))?,
            );
            render_with(&outcome.report, config.format, &render_options, &mut file)?;
            file.flush()?;
        }
        None => {
            let stdout = std::io::stdout();
            let mut lock = stdout.lock();
            render_with(&outcome.report, config.format, &render_options, &mut lock)?;
        }
    }
    eprintln!(
        "{} documents read, {} new in {}, {} stories reported, {} skipped",
        outcome.read,
        outcome.added,
        config.db.display(),
        outcome.report.stories.len(),
        outcome.report.skipped.len()
    );
    let (merged, split) = outcome.merges_and_splits();
    if merged + split > 0 {
        let stories = if merged == 1 { "story" } else { "stories" };
        eprintln!("{merged} {stories} merged, {split} split");
    }
    Ok(if outcome.report.skipped.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_SKIPPED)
    })
}

fn history(args: &HistoryArgs) -> Result<ExitCode> {
    // Opening a store creates it; a history asked of a store that is not there is a mistake.
    if !args.db.is_file() {
        anyhow::bail!("no store at {}", args.db.display());
    }
    let store = SqliteStore::open(&args.db)
        .with_context(|| format!("cannot open the store {}", args.db.display()))?;
    let changes: Vec<(i64, StoryChange)> = store
        .story_changes()
        .with_context(|| format!("cannot read the story history of {}", args.db.display()))?
        .into_iter()
        .filter(|(_, c)| {
            args.story
                .as_deref()
                .is_none_or(|s| c.from_story == s || c.into_story == s)
        })
        .collect();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if args.json {
        let rows: Vec<serde_json::Value> = changes
            .iter()
            .map(|(seq, c)| {
                serde_json::json!({
                    "seq": seq,
                    "at": c.at,
                    "kind": c.kind,
                    "from_story": c.from_story,
                    "into_story": c.into_story,
                    "docs": c.docs,
                })
            })
            .collect();
        serde_json::to_writer_pretty(&mut out, &rows)?;
        writeln!(out)?;
    } else if changes.is_empty() {
        writeln!(
            out,
            "no story in {} has been merged or split",
            args.db.display()
        )?;
    } else {
        for (_, c) in &changes {
            let docs = if c.docs == 1 { "document" } else { "documents" };
            let what = match c.kind.as_str() {
                "merge" => format!("{} merged into {}", c.from_story, c.into_story),
                "split" => format!("{} split off from {}", c.into_story, c.from_story),
                other => format!("{other}: {} -> {}", c.from_story, c.into_story),
            };
            writeln!(out, "{}  {what} ({} {docs})", c.at, c.docs)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn eval(command: EvalCommand) -> Result<ExitCode> {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let (name, figures, floors) = match &command {
        EvalCommand::Seeds(a) => (
            a.name.as_str(),
            triangulate_eval::seeds::run(&a.corpus, &a.expect, a.model.load()?, &mut out)?,
            a.floors.clone(),
        ),
        EvalCommand::Extract(a) => (
            "extract",
            triangulate_eval::extraction::run(&a.data, &mut out)?,
            a.floors.clone(),
        ),
        EvalCommand::Timebank(a) => (
            "timebank",
            triangulate_eval::timebank::run(&a.data, &mut out)?,
            a.floors.clone(),
        ),
        EvalCommand::Polnear(a) => (
            "polnear",
            triangulate_eval::polnear::run(&a.data, &mut out)?,
            a.floors.clone(),
        ),
        EvalCommand::Meantime(a) => (
            "meantime",
            triangulate_eval::meantime::run(&a.data, &mut out)?,
            a.floors.clone(),
        ),
        EvalCommand::Newswcl(a) => (
            "newswcl",
            triangulate_eval::newswcl::run(&a.data, &mut out)?,
            a.floors.clone(),
        ),
        EvalCommand::Stories(a) => (
            "stories",
            triangulate_eval::stories::run(&a.data, &mut out)?,
            a.floors.clone(),
        ),
        EvalCommand::Framing(a) => (
            "framing",
            triangulate_eval::framing::run(&a.data, &mut out)?,
            a.floors.clone(),
        ),
        EvalCommand::Scale(a) => (
            "scale",
            triangulate_eval::scale::run(&a.corpus, a.sources, &mut out)?,
            a.floors.clone(),
        ),
    };
    print_figures(&mut out, name, &figures)?;
    let Some(path) = floors else {
        return Ok(ExitCode::SUCCESS);
    };
    let floors = floors::read(&path)?;
    let below = floors::below(&floors, name, &figures);
    for line in &below {
        writeln!(out, "BELOW FLOOR {line}")?;
    }
    Ok(if below.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

fn print_figures(out: &mut dyn Write, name: &str, figures: &Figures) -> Result<()> {
    let line: Vec<String> = figures
        .0
        .iter()
        .map(|(k, v)| format!("{name}.{k}={}", format_figure(*v)))
        .collect();
    writeln!(out, "figures: {}", line.join(" "))?;
    Ok(())
}

fn format_figure(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e12 {
        format!("{value:.0}")
    } else {
        format!("{value:.4}")
    }
}

/// A progress bar on standard error, shown only on a terminal.
struct Bar {
    bar: Option<ProgressBar>,
}

impl Bar {
    fn new(enabled: bool) -> Self {
        let bar = (enabled && std::io::stderr().is_terminal()).then(|| {
            let bar = ProgressBar::new(0);
            bar.set_style(
                ProgressStyle::with_template("{msg:28} [{bar:40}] {pos}/{len} ({per_sec}, {eta})")
                    .unwrap_or_else(|_| ProgressStyle::default_bar())
                    .progress_chars("=> "),
            );
            bar
        });
        Bar { bar }
    }

    fn done(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

impl Progress for Bar {
    fn stage(&self, name: &str, total: usize) {
        if let Some(bar) = &self.bar {
            bar.set_message(name.to_string());
            bar.set_length(total as u64);
            bar.set_position(0);
        }
    }

    fn tick(&self) {
        if let Some(bar) = &self.bar {
            bar.inc(1);
        }
    }
}
