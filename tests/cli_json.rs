//! The real binary: `list` and `show`, their JSON, and how bad input is
//! reported on stderr with the exit code.

use std::path::{Path, PathBuf};
use std::process::Output;

use serde_json::Value;

mod sandbox;
use sandbox::Sandbox;

fn dossier(args: &[&str]) -> Output {
    Sandbox::new()
        .dossier()
        .args(args)
        .output()
        .expect("the binary runs")
}

fn json(out: &Output) -> Value {
    assert!(
        out.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("stdout is JSON")
}

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/store")
}

fn arg(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn list_json_of_the_bundled_corpus() {
    let out = dossier(&["list", "--json"]);
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let docs = json(&out);
    let docs = docs.as_array().unwrap();
    assert_eq!(docs.len(), 5);
    for d in docs {
        let keys: Vec<&str> = d.as_object().unwrap().keys().map(String::as_str).collect();
        for k in ["id", "path", "title", "source", "author", "date", "words"] {
            assert!(keys.contains(&k), "{k} missing");
        }
        assert!(d.get("body").is_none(), "list carries no body");
        assert!(d["words"].as_u64().unwrap() > 300);
    }
    let field = |k: &str| docs.iter().map(|d| d[k].clone()).collect::<Vec<_>>();
    assert_eq!(field("id")[0], "000_16bc0d923c9e3325");
    assert_eq!(
        field("title"),
        [
            "Allies in Iran deserve our help",
            "A Shift in U.S. Sympathies Regarding the Mujahedeen e-Khalq?",
            "Supporting MEK: Not a Step in the Right Direction",
            "U.S. protects Iranian opposition group in Iraq",
            "Iranian dissidents in Iraq want refuge in 3rd country",
        ]
    );
    assert_eq!(
        field("source"),
        [
            Value::from("Columbia Daily Tribune"),
            Value::Null,
            Value::from("Foreign Policy Blogs"),
            Value::from("CNN"),
            Value::Null
        ]
    );
    assert_eq!(
        field("author"),
        [
            Value::from("Kasra Nejat"),
            Value::Null,
            Value::Null,
            Value::from("Michael Ware"),
            Value::Null
        ]
    );
    assert!(field("date").iter().all(Value::is_null));
}

#[test]
fn show_json_has_the_cleaned_body() {
    let d = json(&dossier(&["show", "003", "--json"]));
    assert_eq!(d["id"], "003_3fb4b85d121f7341");
    assert_eq!(d["source"], "CNN");
    assert_eq!(d["author"], "Michael Ware");
    let body = d["body"].as_str().unwrap();
    assert!(body.starts_with("BAGHDAD, Iraq (CNN) — An Iranian opposition group"));
    assert!(!body.contains("Latest news") && !body.contains("Recommended to you"));
    assert_eq!(
        d["words"].as_u64().unwrap() as usize,
        body.split_whitespace().count()
    );
    assert!(d.get("raw").is_none());
}

#[test]
fn show_raw_gives_the_file_as_read() {
    let out = dossier(&["show", "000", "--raw"]);
    assert!(out.status.success());
    let seed = include_str!("../seeds/000_16bc0d923c9e3325.txt");
    assert_eq!(String::from_utf8(out.stdout).unwrap(), seed);
    let d = json(&dossier(&["show", "000", "--raw", "--json"]));
    assert_eq!(d["raw"], seed);
    assert!(
        d["body"]
            .as_str()
            .unwrap()
            .ends_with("Cultural Association of Missouri.")
    );
}

#[test]
fn list_and_show_files_given_on_the_command_line() {
    let dir = fixtures();
    let docs = json(&dossier(&[
        "list",
        "--json",
        arg(&dir.join("records.json")),
        arg(&dir.join("election.html")),
    ]));
    let ids: Vec<&str> = docs
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["qw-101", "records#2", "records#3", "election"]);
    let d = json(&dossier(&[
        "show",
        "records#2",
        "--json",
        arg(&dir.join("records.json")),
    ]));
    assert_eq!(d["author"], "Luca Bianchi, Eva Horvat");
    assert!(d["path"].as_str().unwrap().ends_with("records.json"));
    let d = json(&dossier(&["show", "election", "--json", arg(&dir)]));
    assert_eq!(d["url"], "https://lakeside.example/politics/recount");
    assert_eq!(d["date"], "2019-11-08");
}

#[test]
fn filter_ranks_by_outlet_and_author() {
    let docs = json(&dossier(&["list", "--json", "--filter", "ware"]));
    assert_eq!(docs[0]["author"], "Michael Ware");
    let docs = json(&dossier(&["list", "--json", "--filter", "tribune"]));
    assert_eq!(docs.as_array().unwrap().len(), 1);
    assert_eq!(docs[0]["source"], "Columbia Daily Tribune");
}

#[test]
fn list_filter_takes_the_readers_syntax() {
    let ids = |filter: &str| -> Vec<String> {
        let docs = json(&dossier(&["list", "--json", "--filter", filter]));
        let mut ids: Vec<String> = docs
            .as_array()
            .expect("a list")
            .iter()
            .map(|d| d["id"].as_str().expect("an id").to_string())
            .collect();
        ids.sort();
        ids
    };
    // A phrase is looked for in the bodies, ignoring case, at word bounds.
    assert_eq!(ids("\"camp ashraf\"").len(), 5);
    assert!(ids("\"camp ashrafi\"").is_empty());
    let terror = ids("\"Terrorist group\"");
    assert!(!terror.is_empty() && terror.len() < 5, "{terror:?}");
    // Terms combine with AND: an entity and an outlet.
    let cnn_mek = ids("@mek source:cnn");
    assert_eq!(cnn_mek.len(), 1);
    assert!(cnn_mek[0].starts_with("003_"));
}

#[test]
fn missing_path_exits_non_zero_with_one_line_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nowhere");
    let out = dossier(&["list", arg(&missing)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains(arg(&missing)), "{stderr}");
}

#[test]
fn bad_files_are_named_on_stderr_and_the_rest_is_listed() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("good.txt"), "Ferry returns\n\nThe island ferry returned to service on Monday after a month in dry dock for repairs.\n").unwrap();
    std::fs::write(dir.path().join("empty.txt"), "").unwrap();
    std::fs::write(dir.path().join("blob.bin"), [0u8, 159, 146, 150, 0, 1]).unwrap();
    std::fs::write(
        dir.path().join("latin1.txt"),
        b"Caf\xe9 opens\n\nA caf\xe9 opened on the square on Friday morning.\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("feed.jsonl"),
        "{\"text\": \"Fine record here.\"}\n{oops\n",
    )
    .unwrap();
    let out = dossier(&["list", "--json", arg(dir.path())]);
    let docs = json(&out);
    let ids: Vec<&str> = docs
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["feed#1", "good", "latin1"]);
    let stderr = String::from_utf8(out.stderr).unwrap();
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 4, "{stderr}");
    for (name, reason) in [
        ("blob.bin", "binary"),
        ("empty.txt", "empty file"),
        ("feed.jsonl", "line 2: not valid JSON"),
        ("latin1.txt", "invalid UTF-8"),
    ] {
        assert!(
            lines.iter().any(|l| l.contains(name) && l.contains(reason)),
            "{name}: {reason} not in {stderr}"
        );
    }
}

#[test]
fn unknown_document_exits_non_zero() {
    let out = dossier(&["show", "no-such-doc"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no-such-doc"));
}
