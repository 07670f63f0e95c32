//! `report` on the demo corpus, end to end through the binary, against a reviewed snapshot of
//! the Markdown report (`snapshots/demo_report__demo_markdown.snap`): a change to any stage
//! that alters what a reader of the demo sees shows up here as a readable diff, to be accepted
//! (`cargo insta review`) or fixed. The snapshot records what the engine does today, defects
//! included; how far that is from the corpus's ground truth (`demo/README.md`) is counted by
//! `triangulate eval seeds --corpus demo --expect demo/expect.json --name demo`.
//!
//! Quotes are aligned on word overlap (`--similarity words`) so the snapshot does not depend on
//! whether the sentence model is installed.

use std::path::Path;
use std::process::Command;

#[test]
fn demo_report_matches_the_reviewed_snapshot() {
    let root = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."));
    let dir = tempfile::tempdir().unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_triangulate"))
        .current_dir(root)
        .args([
            "report",
            "demo",
            "--format",
            "md",
            "--similarity",
            "words",
            "--quiet",
        ])
        .arg("--db")
        .arg(dir.path().join("demo.db"))
        .output()
        .expect("the binary runs");
    assert!(
        output.status.success(),
        "exit {:?}: {}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    let report = String::from_utf8(output.stdout).expect("the report is UTF-8");
    insta::assert_snapshot!("demo_markdown", report);
}
