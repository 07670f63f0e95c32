//! The `report` command on batches with bad inputs: each bad item is named, the rest is
//! processed, the exit status says something was skipped, and the store stays consistent.

use std::path::Path;
use std::process::{Command, Output};

const ARTICLE: &str = "Ferry crews in Port Ellis walk out\n\n\
PORT ELLIS, March 3, 2025 — Ferry crews in Port Ellis stopped work on Monday, leaving \
hundreds of commuters stranded on the quay. \"We have waited two years for a fair offer,\" \
said union steward Mara Quill. The operator, Ellis Lines, said it would meet the union on \
Thursday.\n";

fn triangulate(args: &[&str], db: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_triangulate"))
        .args(args)
        .arg("--db")
        .arg(db)
        .arg("--quiet")
        .output()
        .expect("the binary runs")
}

fn stored_sources(output: &Output) -> usize {
    let report: serde_json::Value =
        serde_json::from_slice(&output.stdout).expect("the report is JSON");
    report["stories"]
        .as_array()
        .map(|s| {
            s.iter()
                .map(|st| st["sources"].as_array().map_or(0, Vec::len))
                .sum()
        })
        .unwrap_or(0)
}

#[test]
fn bad_inputs_are_named_and_the_batch_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("inputs");
    std::fs::create_dir(&inputs).unwrap();
    std::fs::write(inputs.join("good.txt"), ARTICLE).unwrap();
    std::fs::write(inputs.join("empty.txt"), "").unwrap();
    std::fs::write(
        inputs.join("binary.html"),
        [0u8, 159, 146, 150, 0, 0, 1, 2, 3, 0, 255],
    )
    .unwrap();
    // Neither UTF-8 nor windows-1252 (0x81, 0x8d, 0x90 and 0x9d are undefined there).
    std::fs::write(
        inputs.join("latin.txt"),
        b"Caf\xc3\x28 \x81\x8d\x90\x9d port",
    )
    .unwrap();
    let good_line = serde_json::json!({
        "url": "https://ellis-courier.example/ferry",
        "outlet": "Ellis Courier",
        "published": "2025-03-03",
        "title": "Ferry strike strands commuters",
        "text": ARTICLE,
    });
    std::fs::write(
        inputs.join("export.jsonl"),
        format!("{good_line}\n{{\"url\": \"broken\", \"text\": \n"),
    )
    .unwrap();
    let missing = dir.path().join("no-such-folder");
    let db = dir.path().join("store.db");

    let output = triangulate(
        &[
            "report",
            inputs.to_str().unwrap(),
            missing.to_str().unwrap(),
            "--format",
            "json",
        ],
        &db,
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(3), "stderr: {stderr}");
    for name in [
        "empty.txt",
        "binary.html",
        "latin.txt",
        "export.jsonl:2",
        "no-such-folder",
    ] {
        assert!(stderr.contains(name), "{name} is not named in: {stderr}");
    }
    assert_eq!(stored_sources(&output), 2, "stderr: {stderr}");

    // The same batch again stores nothing twice and still reports both good documents.
    let again = triangulate(
        &["report", inputs.to_str().unwrap(), "--format", "json"],
        &db,
    );
    let stderr = String::from_utf8_lossy(&again.stderr);
    assert!(stderr.contains("0 new"), "{stderr}");
    assert_eq!(stored_sources(&again), 2);
}

#[test]
fn a_huge_file_is_refused_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let huge = dir.path().join("huge.txt");
    let line = "The harbour board met again today to discuss the strike. ".repeat(20);
    let mut text = String::with_capacity(51 * 1024 * 1024);
    while text.len() < 50 * 1024 * 1024 {
        text.push_str(&line);
        text.push('\n');
    }
    std::fs::write(&huge, text).unwrap();
    std::fs::write(dir.path().join("good.txt"), ARTICLE).unwrap();
    let db = dir.path().join("store.db");
    let output = triangulate(
        &["report", dir.path().to_str().unwrap(), "--format", "json"],
        &db,
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(3), "{stderr}");
    assert!(stderr.contains("huge.txt"), "{stderr}");
    assert_eq!(stored_sources(&output), 1);
}

#[test]
fn help_teaches_the_commands() {
    let output = Command::new(env!("CARGO_BIN_EXE_triangulate"))
        .arg("--help")
        .output()
        .unwrap();
    let help = String::from_utf8_lossy(&output.stdout);
    for word in ["report", "eval", "Examples"] {
        assert!(help.contains(word), "{help}");
    }
}
