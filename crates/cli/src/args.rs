//! Command-line arguments, parsed once and resolved into a checked configuration.

use std::io::IsTerminal;
use std::path::PathBuf;

use anyhow::{bail, Context, Result};
use clap::{Args, Parser, Subcommand, ValueEnum};
use triangulate_engine::Model;
use triangulate_report::Format;

/// Reads many news reports of the same events and tells what happened, who said what, what every
/// source agrees on, what only one source claims, and how each outlet frames it.
#[derive(Debug, Parser)]
#[command(name = "triangulate", version, about, long_about = None)]
#[command(after_help = "Examples:
  triangulate report demo/                    read the demo corpus, print its stories
  triangulate report ../shared/seeds --format html -o seeds.html
  triangulate report new-articles.jsonl --db team.db --format json
  triangulate history --db team.db            how the store's stories merged and split
  triangulate eval seeds --corpus ../shared/seeds --expect ../shared/acceptance/seeds.expect.json")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read articles, add them to the store, and report the stories they belong to.
    ///
    /// Inputs are files or folders (read recursively): .txt (scraped text), .html/.htm pages,
    /// .jsonl exports with one article per line ({"url","outlet","published","title","html"|"text"}),
    /// any of those gzipped, and WARC files. Documents already in the store are not stored twice.
    /// Bad inputs are named on standard error and skipped; the exit status is then 3.
    Report(ReportArgs),
    /// Show how stories in the store were merged and split as articles arrived.
    ///
    /// Each line is one change, oldest first: a merge folds a whole story into another (which
    /// keeps its id), a split sends part of a story to a new one. Story ids are those of the
    /// reports (`--format json`, field `id`).
    History(HistoryArgs),
    /// Score triangulate against the shared benchmarks or the seeds acceptance list.
    #[command(subcommand)]
    Eval(EvalCommand),
}

#[derive(Debug, Args)]
pub struct HistoryArgs {
    /// The SQLite store to read.
    #[arg(long, env = "TRIANGULATE_DB", default_value = "triangulate.db")]
    pub db: PathBuf,
    /// Only the changes that involve this story id (as the story it came from or went into).
    #[arg(long)]
    pub story: Option<String>,
    /// Print the changes as a JSON array instead of lines of text.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    Terminal,
    Md,
    Html,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorArg {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Files and folders to read.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(short, long, value_enum, default_value = "terminal")]
    pub format: FormatArg,
    /// Write the report to this file instead of standard output.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// The SQLite store to add the articles to.
    #[arg(long, env = "TRIANGULATE_DB", default_value = "triangulate.db")]
    pub db: PathBuf,
    /// Report every story in the store, not only those the inputs belong to.
    #[arg(long)]
    pub all: bool,
    /// Colours in terminal output.
    #[arg(long, value_enum, default_value = "auto")]
    pub color: ColorArg,
    /// Hide the progress bar.
    #[arg(long)]
    pub quiet: bool,
    #[command(flatten)]
    pub model: ModelArgs,
}

/// How quotes of different outlets are compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SimilarityArg {
    /// The sentence model when its weights are installed (scripts/fetch-model.sh), else words.
    Auto,
    /// Require the sentence model: fail when it cannot be loaded.
    Model,
    /// Word overlap only (fastest; misses translated quotes).
    Words,
}

#[derive(Debug, Args)]
pub struct ModelArgs {
    /// Similarity used to align the same quote across outlets.
    #[arg(long, value_enum, default_value = "auto")]
    pub similarity: SimilarityArg,
    /// Folder of the sentence model (default: models/all-minilm-l6-v2).
    #[arg(long, env = "TRIANGULATE_MODEL_DIR")]
    pub model_dir: Option<PathBuf>,
}

impl ModelArgs {
    /// The sentence model the run will use, if any. `auto` says on stderr why it goes without.
    pub fn load(&self) -> Result<Option<Model>> {
        if self.similarity == SimilarityArg::Words {
            return Ok(None);
        }
        match Model::load(self.model_dir.as_deref()) {
            Ok(model) => Ok(Some(model)),
            Err(err) if self.similarity == SimilarityArg::Auto => {
                eprintln!("note: {err}; quotes are aligned on word overlap (scripts/fetch-model.sh installs the model)");
                Ok(None)
            }
            Err(err) => Err(err).context("--similarity model"),
        }
    }
}

/// The checked configuration of a `report` run.
pub struct ReportConfig {
    pub paths: Vec<PathBuf>,
    pub format: Format,
    pub output: Option<PathBuf>,
    pub db: PathBuf,
    pub all: bool,
    pub color: bool,
    pub progress: bool,
    pub model: Option<Model>,
}

impl ReportArgs {
    pub fn resolve(self) -> Result<ReportConfig> {
        if self.db.as_os_str().is_empty() {
            bail!("the store path is empty: give --db PATH or set TRIANGULATE_DB");
        }
        let format = match self.format {
            FormatArg::Terminal => Format::Terminal,
            FormatArg::Md => Format::Markdown,
            FormatArg::Html => Format::Html,
            FormatArg::Json => Format::Json,
        };
        let to_terminal = self.output.is_none() && std::io::stdout().is_terminal();
        let color = match self.color {
            ColorArg::Always => true,
            ColorArg::Never => false,
            ColorArg::Auto => to_terminal && format == Format::Terminal,
        };
        Ok(ReportConfig {
            paths: self.paths,
            format,
            output: self.output,
            db: self.db,
            all: self.all,
            color,
            progress: !self.quiet,
            model: self.model.load()?,
        })
    }
}

#[derive(Debug, Subcommand)]
pub enum EvalCommand {
    /// Run the main job on a corpus and check it against an expectation file.
    Seeds(SeedsArgs),
    /// Main-text extraction on the Zyte article-extraction benchmark (shingle F1, pages/s).
    Extract(DataArgs),
    /// Temporal expressions on TimeBank (TempEval-3 span, value and type scores).
    Timebank(DataArgs),
    /// Quotes and attributions on PolNeAR dev (content, cue and source F1).
    Polnear(DataArgs),
    /// Named entities on MEANTIME (per type, exact and head match; four languages).
    Meantime(DataArgs),
    /// Cross-outlet entity resolution on NewsWCL50 (B-cubed over name mentions).
    Newswcl(DataArgs),
    /// Story clustering on ECB+ stories and cross-lingual MEANTIME (pairwise and B-cubed F1).
    Stories(DataArgs),
    /// Framing labels per outlet and concept on NewsWCL50 (label precision and recall).
    Framing(DataArgs),
    /// Time to build and render one story of many sources, expanded from a corpus.
    Scale(ScaleArgs),
}

#[derive(Debug, Args)]
pub struct ScaleArgs {
    /// Folder of articles to expand into one story (the demo corpus, say).
    #[arg(long, default_value = "demo")]
    pub corpus: PathBuf,
    /// Number of sources in the story.
    #[arg(long, default_value_t = 100)]
    pub sources: usize,
    /// Floors file: fail when a figure drops below its recorded floor.
    #[arg(long)]
    pub floors: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct SeedsArgs {
    /// Folder of seed articles.
    #[arg(long, default_value = "../shared/seeds")]
    pub corpus: PathBuf,
    /// Expectation file listing what the report must contain.
    #[arg(long, default_value = "../shared/acceptance/seeds.expect.json")]
    pub expect: PathBuf,
    /// Floors file: fail when a figure drops below its recorded floor.
    #[arg(long)]
    pub floors: Option<PathBuf>,
    /// Name of the figures in the floors file (`NAME.passed`), to check several corpora.
    #[arg(long, default_value = "seeds")]
    pub name: String,
    #[command(flatten)]
    pub model: ModelArgs,
}

#[derive(Debug, Args)]
pub struct DataArgs {
    /// The benchmark's folder (under ../shared/data).
    #[arg(long)]
    pub data: PathBuf,
    /// Floors file: fail when a figure drops below its recorded floor.
    #[arg(long)]
    pub floors: Option<PathBuf>,
}
