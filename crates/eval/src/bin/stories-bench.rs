//! Story clustering benchmarks.
//!
//! `stories-bench tune DATA`: sweeps the clusterer's options on ECB+ and MEANTIME and prints the
//! scores of each setting (grids from the environment: THRESHOLDS, ENTITY, TITLE, YEAR; single
//! values: NUMBER, HALF, IDENTITY, INFER).
//!
//! `stories-bench throughput DATA N [THREADS]`: expands the ECB+ articles into N synthetic
//! articles by controlled mutation (see [`mutate`]), analyses them (not timed), then times
//! near-duplicate detection plus story clustering on THREADS threads (default 2) and reports
//! seconds, articles per second and the memory the two stages added.
//!
//! `stories-bench stream DATA N [THREADS] [CHUNK]`: the same synthetic articles, streamed: each
//! chunk of CHUNK articles (default 20,000) is generated, analysed, fed to the incremental
//! duplicate index and then the story index (copies follow their original), and dropped, so
//! memory holds the two indexes and one chunk. Reports wall time, the time in deduplication and
//! clustering alone, peak RSS and the bytes per article the two indexes hold at the end.

use std::collections::HashMap;
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use rayon::prelude::*;
use triangulate_eval::stories::{analyse, load_ecbplus, load_meantime, score, Labelled};
use triangulate_link::duplicates::DuplicateIndex;
use triangulate_link::{duplicates, stories, Analysed, StoryIndex, StoryOptions};
use triangulate_model::{Article, Dated, DocId, Provenance};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("tune") if args.len() >= 2 => tune(Path::new(&args[1])),
        Some("throughput") if args.len() >= 3 => match args[2].parse::<usize>() {
            Ok(n) => {
                let threads = args.get(3).and_then(|t| t.parse().ok()).unwrap_or(2);
                throughput(Path::new(&args[1]), n, threads)
            }
            Err(e) => Err(format!("bad article count: {e}")),
        },
        Some("stream") if args.len() >= 3 => match args[2].parse::<usize>() {
            Ok(n) => {
                let threads = args.get(3).and_then(|t| t.parse().ok()).unwrap_or(2);
                let chunk = args.get(4).and_then(|t| t.parse().ok()).unwrap_or(20_000);
                stream(Path::new(&args[1]), n, threads, chunk)
            }
            Err(e) => Err(format!("bad article count: {e}")),
        },
        _ => Err(
            "usage: stories-bench tune DATA | throughput DATA N [THREADS] | stream DATA N [THREADS] [CHUNK]"
                .to_string(),
        ),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("stories-bench: {e}");
            ExitCode::FAILURE
        }
    }
}

fn tune(data: &Path) -> Result<(), String> {
    let ecb = load_ecbplus(&data.join("ecbplus-stories")).map_err(|e| e.to_string())?;
    let meantime = load_meantime(&data.join("meantime")).map_err(|e| e.to_string())?;
    let ecb_docs = analyse(&ecb);
    let mt_docs = analyse(&meantime);
    let ecb_gold: Vec<&str> = ecb.iter().map(|l| l.gold.as_str()).collect();
    let mt_gold: Vec<&str> = meantime.iter().map(|l| l.gold.as_str()).collect();
    let ecb_dupes = duplicates::find(&ecb_docs);
    let mt_dupes = duplicates::find(&mt_docs);
    let grid = |name: &str| -> Vec<f32> {
        std::env::var(name)
            .ok()
            .map(|v| v.split(',').filter_map(|x| x.parse().ok()).collect())
            .unwrap_or_default()
    };
    let base = StoryOptions::default();
    let thresholds = or(grid("THRESHOLDS"), base.threshold);
    let entity = or(grid("ENTITY"), base.entity_weight);
    let title = or(grid("TITLE"), base.title_weight);
    let year = or(grid("YEAR"), base.year_weight);
    let number_weight = or(grid("NUMBER"), base.number_weight)[0];
    let infer_day = std::env::var("INFER").map_or(base.infer_day, |v| v == "1");
    let half_life = or(grid("HALF"), base.half_life_days)[0];
    let identity_threshold = or(grid("IDENTITY"), base.identity_threshold)[0];
    for &threshold in &thresholds {
        for &entity_weight in &entity {
            for (&title_weight, &year_weight) in
                title.iter().flat_map(|t| year.iter().map(move |y| (t, y)))
            {
                let options = StoryOptions {
                    threshold,
                    entity_weight,
                    title_weight,
                    year_weight,
                    infer_day,
                    half_life_days: half_life,
                    number_weight,
                    identity_threshold,
                    ..base
                };
                let plan = stories::cluster(&ecb_docs, &ecb_dupes, &options);
                let e = score(&plan.members, &ecb_gold);
                if std::env::var_os("SHOW").is_some() {
                    for members in &plan.members {
                        let mut golds: HashMap<&str, usize> = HashMap::new();
                        for &m in members {
                            *golds.entry(ecb_gold[m]).or_default() += 1;
                        }
                        if golds.len() > 1 {
                            println!("  mixed: {golds:?}");
                        }
                    }
                }
                let mplan = stories::cluster(&mt_docs, &mt_dupes, &options);
                let m = score(&mplan.members, &mt_gold);
                println!(
                    "t {threshold:.3} ent {entity_weight:.2} title {title_weight:.2} year {year_weight:.1} | ecb pw P {:.3} R {:.3} F {:.3} b3 F {:.3} n {} | mt pw F {:.3} n {}",
                    e.pairwise.0, e.pairwise.1, e.pairwise.2, e.bcubed.2, plan.members.len(),
                    m.pairwise.2, mplan.members.len()
                );
            }
        }
    }
    Ok(())
}

fn or(v: Vec<f32>, default: f32) -> Vec<f32> {
    if v.is_empty() {
        vec![default]
    } else {
        v
    }
}

fn throughput(data: &Path, n: usize, threads: usize) -> Result<(), String> {
    let base = load_ecbplus(&data.join("ecbplus-stories")).map_err(|e| e.to_string())?;
    if base.is_empty() {
        return Err("no ECB+ articles to expand".to_string());
    }
    let start = Instant::now();
    let generated: Vec<Labelled> = (0..n)
        .into_par_iter()
        .map(|k| mutate(&base, k, n))
        .collect();
    let docs: Vec<Analysed> = analyse(&generated);
    drop(generated);
    let text_mb = docs.iter().map(|d| d.article.text.len()).sum::<usize>() as f64 / 1e6;
    eprintln!(
        "generated and analysed {n} articles ({text_mb:.0} MB of text) in {:.1} s",
        start.elapsed().as_secs_f64()
    );
    let before = memory_kib();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|e| e.to_string())?;
    let (dupes_s, cluster_s, copies, stories) = pool.install(|| {
        let t = Instant::now();
        let dupes = duplicates::find(&docs);
        let dupes_s = t.elapsed().as_secs_f64();
        let t = Instant::now();
        let plan = stories::cluster(&docs, &dupes, &StoryOptions::default());
        let copies = (0..docs.len())
            .filter(|&i| dupes.original_of(i).is_some())
            .count();
        (
            dupes_s,
            t.elapsed().as_secs_f64(),
            copies,
            plan.members.len(),
        )
    });
    let after = memory_kib();
    let total = dupes_s + cluster_s;
    println!(
        "{n} articles on {threads} threads: duplicates {dupes_s:.1} s ({copies} copies), clustering {cluster_s:.1} s ({stories} stories), total {total:.1} s, {:.0} articles/s, {:.1} µs/article",
        n as f64 / total,
        total * 1e6 / n as f64
    );
    println!(
        "memory: peak RSS {:.0} MiB before, {:.0} MiB after ({:.0} bytes/article added by the two stages)",
        before.0 as f64 / 1024.0,
        after.0 as f64 / 1024.0,
        (after.0.saturating_sub(before.0)) as f64 * 1024.0 / n as f64
    );
    Ok(())
}

fn stream(data: &Path, n: usize, threads: usize, chunk: usize) -> Result<(), String> {
    let base = load_ecbplus(&data.join("ecbplus-stories")).map_err(|e| e.to_string())?;
    if base.is_empty() {
        return Err("no ECB+ articles to expand".to_string());
    }
    let chunk = chunk.max(1);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|e| e.to_string())?;
    let rss_start = memory_kib().1;
    let start = Instant::now();
    let mut dupes = DuplicateIndex::new();
    let mut index = StoryIndex::new(StoryOptions::default());
    let (mut prepare_s, mut dedup_s, mut cluster_s) = (0.0, 0.0, 0.0);
    let (mut copies, mut merges, mut splits, mut text) = (0usize, 0usize, 0usize, 0usize);
    pool.install(|| {
        for from in (0..n).step_by(chunk) {
            let to = (from + chunk).min(n);
            let t = Instant::now();
            let docs: Vec<Analysed> = (from..to)
                .into_par_iter()
                .map(|k| {
                    let article = mutate(&base, k, n).article;
                    Analysed {
                        analysis: triangulate_analyze::analyze(&article),
                        article,
                    }
                })
                .collect();
            prepare_s += t.elapsed().as_secs_f64();
            text += docs.iter().map(|d| d.article.text.len()).sum::<usize>();
            let refs: Vec<&Analysed> = docs.iter().collect();
            let t = Instant::now();
            let originals = dupes.add_batch(&refs);
            dedup_s += t.elapsed().as_secs_f64();
            copies += originals.iter().filter(|o| o.is_some()).count();
            let t = Instant::now();
            index.add_batch(&refs, &originals);
            for event in index.take_events() {
                match event.kind() {
                    "merge" => merges += 1,
                    _ => splits += 1,
                }
            }
            cluster_s += t.elapsed().as_secs_f64();
            drop(refs);
            drop(docs);
            let (peak, now) = memory_kib();
            eprintln!(
                "{to} articles, {:.0} s: analysis {prepare_s:.0} s, dedup {dedup_s:.1} s, clustering {cluster_s:.1} s, RSS {:.0} MiB (peak {:.0} MiB), indexes {:.0} MiB",
                start.elapsed().as_secs_f64(),
                now as f64 / 1024.0,
                peak as f64 / 1024.0,
                (dupes.heap_bytes() + index.heap_bytes()) as f64 / (1 << 20) as f64,
            );
        }
    });
    let wall = start.elapsed().as_secs_f64();
    let (peak, now) = memory_kib();
    let linking = dedup_s + cluster_s;
    let per = |bytes: usize| bytes as f64 / n.max(1) as f64;
    println!(
        "stream of {n} articles ({:.0} MB of text) on {threads} threads in chunks of {chunk}: wall {wall:.0} s ({:.0} articles/s), of which generation and analysis {prepare_s:.0} s",
        text as f64 / 1e6,
        n as f64 / wall
    );
    println!(
        "dedup + clustering: {linking:.1} s ({:.0} articles/s, {:.1} µs/article): dedup {dedup_s:.1} s ({copies} copies), clustering {cluster_s:.1} s ({} stories, {merges} merges, {splits} splits)",
        n as f64 / linking,
        linking * 1e6 / n.max(1) as f64,
        index.len()
    );
    println!(
        "memory: peak RSS {:.0} MiB, final RSS {:.0} MiB ({:.0} MiB at start); indexes hold {:.0} bytes/article (duplicate index {:.0}, story index {:.0}), RSS growth {:.0} bytes/article",
        peak as f64 / 1024.0,
        now as f64 / 1024.0,
        rss_start as f64 / 1024.0,
        per(dupes.heap_bytes() + index.heap_bytes()),
        per(dupes.heap_bytes()),
        per(index.heap_bytes()),
        per(now.saturating_sub(rss_start) as usize * 1024)
    );
    Ok(())
}

/// Peak and current resident memory of this process, in KiB (0 where /proc is missing).
fn memory_kib() -> (u64, u64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse().ok())
            .unwrap_or(0)
    };
    (field("VmHWM:"), field("VmRSS:"))
}

/// Synthetic article `k` of `n`. Articles come in synthetic stories of 1 to 15 articles; a story
/// takes one real article as its template and gives it its own invented names, numbers and date,
/// so stories built on the same template are different events of the same kind (as in ECB+).
/// Each article of a story is a fresh mutation of the template: sentences shuffled locally,
/// about a fifth of them dropped, and capitalised words renamed consistently for the story;
/// digits are rewritten per story; the date moves by 0 to 3 days within the story.
fn mutate(base: &[Labelled], k: usize, n: usize) -> Labelled {
    // Story boundaries: a hash of the position decides where a new story starts, so story sizes
    // vary (mean about 8) without any global state.
    let story = story_of(k);
    let mut rng = Rng(mix(story as u64 ^ 0x5151));
    let template = &base[rng.below(base.len())].article;
    let names: HashMap<String, String> = HashMap::new();
    let mut names = names;
    let story_day = 15_000 + (story as u64 * 3650 / (n as u64 / 8 + 1)) as i64;
    let mut doc_rng = Rng(mix(k as u64 ^ 0xA5A5));
    let mut sentences: Vec<&str> = template
        .text
        .split_inclusive(['.', '\n'])
        .filter(|s| !s.trim().is_empty())
        .collect();
    for i in 1..sentences.len() {
        if doc_rng.below(3) == 0 {
            sentences.swap(i - 1, i);
        }
    }
    let mut text = String::with_capacity(template.text.len());
    for sentence in sentences {
        if doc_rng.below(5) == 0 {
            continue;
        }
        for (w, word) in sentence.split(' ').enumerate() {
            if w > 0 {
                text.push(' ');
            }
            text.push_str(&rewrite(word, &mut names, &mut rng, story));
        }
    }
    let title = template.title.as_deref().map(|t| {
        t.split(' ')
            .map(|w| rewrite(w, &mut names, &mut rng, story))
            .collect::<Vec<_>>()
            .join(" ")
    });
    let day = story_day + doc_rng.below(4) as i64;
    Labelled {
        gold: format!("g{story}"),
        article: Article {
            id: DocId::of_bytes(format!("gen:{k}:{text}").as_bytes()),
            origin: format!("gen:{k}"),
            url: None,
            canonical_url: None,
            title,
            outlet: None,
            authors: vec![],
            published: Some(Dated {
                value: civil(day),
                provenance: Provenance::Given,
            }),
            modified: None,
            language: template.language.clone(),
            reprint: None,
            text,
            blocks: vec![],
        },
    }
}

fn story_of(k: usize) -> usize {
    // Every position whose hash falls under 1/8 starts a story; count them with a coarse jump
    // table: blocks of 64 positions hold 8 stories, boundaries placed by hash inside the block.
    let block = k / 64;
    let offset = k % 64;
    let mut cuts: Vec<usize> = (0..7)
        .map(|j| (mix((block * 8 + j) as u64) % 63) as usize + 1)
        .collect();
    cuts.sort_unstable();
    block * 8 + cuts.iter().filter(|&&c| c <= offset).count()
}

/// Renames a capitalised word consistently within a story (sentence-initial words included: the
/// mutation need not be grammatical, only varied), and rewrites digits per story.
fn rewrite(word: &str, names: &mut HashMap<String, String>, rng: &mut Rng, story: usize) -> String {
    let first = word.chars().next();
    if first.is_some_and(|c| c.is_ascii_digit()) {
        let mut r = Rng(mix(story as u64 ^ word.len() as u64));
        return word
            .chars()
            .map(|c| {
                if c.is_ascii_digit() {
                    char::from(b'0' + r.below(10) as u8)
                } else {
                    c
                }
            })
            .collect();
    }
    if first.is_some_and(char::is_uppercase) && word.len() > 3 {
        let core: String = word.chars().filter(|c| c.is_alphanumeric()).collect();
        let tail: String = word.chars().skip_while(|c| c.is_alphanumeric()).collect();
        // Half the names of a story are renamed, the rest kept (places and institutions recur).
        if mix(core.len() as u64 ^ story as u64) & 1 == 0 {
            let name = names
                .entry(core)
                .or_insert_with(|| invented_name(rng))
                .clone();
            return name + &tail;
        }
    }
    word.to_string()
}

fn invented_name(rng: &mut Rng) -> String {
    const SYLLABLES: &[&str] = &[
        "ka", "lor", "ven", "mi", "dra", "tos", "bel", "qua", "rin", "zo", "mar", "eth", "sul",
        "nia", "gor", "vik",
    ];
    let mut name = String::new();
    for _ in 0..2 + rng.below(2) {
        name.push_str(SYLLABLES[rng.below(SYLLABLES.len())]);
    }
    let mut chars = name.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().collect::<String>() + chars.as_str(),
        None => name,
    }
}

fn civil(day: i64) -> String {
    // Inverse of the days-from-civil formula (proleptic Gregorian).
    let z = day + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 = mix(self.0.wrapping_add(0x9E37_79B9_7F4A_7C15));
        (self.0 % n.max(1) as u64) as usize
    }
}

fn mix(mut x: u64) -> u64 {
    x ^= x >> 30;
    x = x.wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x ^= x >> 27;
    x = x.wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}
