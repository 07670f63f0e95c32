//! The HTML report as a person sees it: the demo corpus is reported as HTML through the binary,
//! headless Chromium renders the page, and the screenshot is checked for what a reader must see
//! at a glance: the page background around a white story card, body text, shaded table headers,
//! the green ticks of the coverage matrix and the coloured fidelity tags of the quote table.
//! Those checks fail when the stylesheet is lost, when the page renders blank or unstyled, or
//! when the matrix or the quote table is missing, without depending on the fonts of the machine.
//! The screenshot is kept at `target/screenshots/demo_report.png` for a person to look at.
//!
//! Chromium is looked up as `$TRIANGULATE_CHROMIUM`, then `chromium`, `chromium-browser`,
//! `google-chrome` on the PATH. Without one the test says so and passes, unless
//! `TRIANGULATE_REQUIRE_BROWSER` is set (as `.ci/run` does after installing Chromium).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const WIDTH: u32 = 1280;
const HEIGHT: u32 = 12000;
/// Longest wait for Chromium to write the screenshot.
const BROWSER_DEADLINE: Duration = Duration::from_secs(90);

fn chromium() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("TRIANGULATE_CHROMIUM") {
        return Some(PathBuf::from(path));
    }
    let path = std::env::var_os("PATH")?;
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .flat_map(|name| std::env::split_paths(&path).map(move |dir| dir.join(name)))
        .find(|candidate| candidate.is_file())
}

/// Runs `command` to completion or kills it at the deadline.
fn run_bounded(mut command: Command, deadline: Duration) -> bool {
    let Ok(mut child) = command.stdout(Stdio::null()).stderr(Stdio::null()).spawn() else {
        return false;
    };
    let start = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return status.success(),
            Ok(None) if start.elapsed() < deadline => {
                std::thread::sleep(Duration::from_millis(100))
            }
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                return false;
            }
        }
    }
}

struct Image {
    width: u32,
    height: u32,
    /// RGB triples, row by row.
    rgb: Vec<[u8; 3]>,
}

impl Image {
    fn read(path: &Path) -> Image {
        let file = std::fs::File::open(path).expect("the screenshot exists");
        let mut decoder = png::Decoder::new(std::io::BufReader::new(file));
        decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
        let mut reader = decoder.read_info().expect("the screenshot is a PNG");
        let mut buffer = vec![0; reader.output_buffer_size().expect("a sane PNG size")];
        let info = reader.next_frame(&mut buffer).expect("the PNG decodes");
        let channels = info.color_type.samples();
        let rgb = buffer[..info.buffer_size()]
            .chunks(channels)
            .map(|px| match channels {
                1 | 2 => [px[0]; 3],
                _ => [px[0], px[1], px[2]],
            })
            .collect();
        Image {
            width: info.width,
            height: info.height,
            rgb,
        }
    }

    fn at(&self, x: u32, y: u32) -> [u8; 3] {
        self.rgb[(y * self.width + x) as usize]
    }

    /// Share of the pixels of a rectangle that satisfy `test`.
    fn share(&self, x: (u32, u32), y: (u32, u32), test: impl Fn([u8; 3]) -> bool) -> f64 {
        let mut hits = 0usize;
        let mut total = 0usize;
        for yy in y.0..y.1.min(self.height) {
            for xx in x.0..x.1.min(self.width) {
                total += 1;
                if test(self.at(xx, yy)) {
                    hits += 1;
                }
            }
        }
        hits as f64 / total.max(1) as f64
    }
}

fn near(px: [u8; 3], colour: [u8; 3], tolerance: u8) -> bool {
    px.iter()
        .zip(colour)
        .all(|(&a, b)| a.abs_diff(b) <= tolerance)
}

#[test]
fn demo_html_report_renders_as_a_styled_page() {
    let Some(browser) = chromium() else {
        assert!(
            std::env::var_os("TRIANGULATE_REQUIRE_BROWSER").is_none(),
            "TRIANGULATE_REQUIRE_BROWSER is set but no Chromium was found"
        );
        println!("skipped: no Chromium on this machine (set TRIANGULATE_CHROMIUM)");
        return;
    };
    let root = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."));
    let dir = tempfile::tempdir().unwrap();
    let html = dir.path().join("demo.html");
    let output = Command::new(env!("CARGO_BIN_EXE_triangulate"))
        .current_dir(root)
        .args([
            "report",
            "demo",
            "--format",
            "html",
            "--similarity",
            "words",
        ])
        .args(["--quiet", "--output"])
        .arg(&html)
        .arg("--db")
        .arg(dir.path().join("demo.db"))
        .output()
        .expect("the binary runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );

    let shots = root.join("target/screenshots");
    std::fs::create_dir_all(&shots).unwrap();
    let shot = shots.join("demo_report.png");
    let _ = std::fs::remove_file(&shot);
    let mut command = Command::new(&browser);
    command
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
        ])
        .args([
            "--no-first-run",
            "--disable-extensions",
            "--force-device-scale-factor=1",
        ])
        .arg(format!(
            "--user-data-dir={}",
            dir.path().join("profile").display()
        ))
        .arg(format!("--window-size={WIDTH},{HEIGHT}"))
        .arg(format!("--screenshot={}", shot.display()))
        .arg(format!("file://{}", html.display()));
    assert!(
        run_bounded(command, BROWSER_DEADLINE) && shot.is_file(),
        "{} did not write a screenshot within {BROWSER_DEADLINE:?}",
        browser.display()
    );

    let image = Image::read(&shot);
    assert_eq!((image.width, image.height), (WIDTH, HEIGHT));
    // The page background frames the story card.
    let background = image.share((0, 30), (0, HEIGHT), |px| near(px, [0xfa; 3], 3));
    assert!(
        background > 0.95,
        "page margin is background: {background:.3}"
    );
    let card = image.share((200, 1080), (300, 1500), |px| near(px, [0xff; 3], 2));
    assert!(card > 0.4, "a white story card fills the middle: {card:.3}");
    // Text is drawn: dark pixels, neither none nor a page gone black.
    let text = image.share((0, WIDTH), (0, HEIGHT), |px| px.iter().all(|&c| c < 110));
    assert!(
        (0.003..0.3).contains(&text),
        "share of dark text pixels {text:.4}"
    );
    // Table headers are shaded, as the stylesheet says.
    let headers = image.share((0, WIDTH), (0, HEIGHT), |px| near(px, [0xf2; 3], 1));
    assert!(headers > 0.003, "shaded table headers: {headers:.4}");
    // The coverage matrix shows green ticks.
    let green = |px: [u8; 3]| px[1] > px[0].saturating_add(40) && px[1] > px[2].saturating_add(20);
    let ticks = image.share((0, WIDTH), (0, HEIGHT), green);
    assert!(
        ticks > 0.00005,
        "green ticks of the coverage matrix: {ticks:.5}"
    );
    // The quote table colours its renderings by fidelity (verbatim green, shortened yellow).
    let verbatim = image.share((0, WIDTH), (0, HEIGHT), |px| {
        near(px, [0xdc, 0xf5, 0xe3], 2)
    });
    let shortened = image.share((0, WIDTH), (0, HEIGHT), |px| {
        near(px, [0xff, 0xf1, 0xc2], 2)
    });
    assert!(
        verbatim > 0.0 || shortened > 0.0,
        "fidelity tags of the quote table are coloured"
    );
}
