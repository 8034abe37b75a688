//! `dossier compare` end to end: the JSON shape of PRODUCT.md, passages
//! whose offsets index the bodies `show --json` prints, the human report,
//! and errors for unknown documents.

use std::path::Path;

use serde_json::Value;

mod sandbox;
use sandbox::Sandbox;

fn dossier(args: &[&str]) -> std::process::Output {
    Sandbox::new()
        .dossier()
        .args(args)
        .env("COLUMNS", "80")
        .output()
        .expect("run dossier")
}

fn json(args: &[&str]) -> Value {
    let out = dossier(args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("valid JSON")
}

/// Two articles carrying the same quotation with different typography.
fn write_pair(dir: &Path) -> (String, String) {
    let a = dir.join("alpha.txt");
    let b = dir.join("beta.txt");
    std::fs::write(
        &a,
        "Alpha report\n\nThe minister spoke on Monday. “We will not allow the camp to remain on our \
soil beyond the end of the year,” he told reporters — and left.\n",
    )
    .expect("write fixture");
    std::fs::write(
        &b,
        "Beta report\n\nOfficials were blunt. \"We will not allow the camp to remain on  our soil \
beyond the\nend of the year,\" the minister said.\n",
    )
    .expect("write fixture");
    (a.display().to_string(), b.display().to_string())
}

#[test]
fn json_has_the_product_shape_and_valid_passages() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (a, b) = write_pair(dir.path());
    let dir_arg = dir.path().display().to_string();
    let v = json(&["compare", "alpha", "beta", &dir_arg, "--json"]);
    assert_eq!(v["a"], "alpha");
    assert_eq!(v["b"], "beta");
    for key in ["shared", "only_a", "only_b", "passages"] {
        assert!(v[key].is_array(), "{key} is an array");
    }
    assert!(v["descriptors"].is_object());

    let passages = v["passages"].as_array().expect("passages");
    assert_eq!(passages.len(), 1, "{passages:#?}");
    let p = &passages[0];
    let body = |id: &str, path: &str| {
        json(&["show", id, path, "--json"])["body"]
            .as_str()
            .expect("body")
            .to_string()
    };
    let (body_a, body_b) = (body("alpha", &a), body("beta", &b));
    let range = |v: &Value, s: &str, e: &str| {
        (
            v[s].as_u64().expect("offset") as usize,
            v[e].as_u64().expect("offset") as usize,
        )
    };
    let (sa, ea) = range(p, "a_start", "a_end");
    let (sb, eb) = range(p, "b_start", "b_end");
    let in_a = body_a.get(sa..ea).expect("A range on char boundaries");
    let in_b = body_b.get(sb..eb).expect("B range on char boundaries");
    assert_eq!(p["text"], in_a);
    assert!(in_a.starts_with("We will not allow") && in_a.ends_with("end of the year"));
    assert!(in_b.starts_with("We will not allow") && in_b.contains("\nend of the year"));
}

#[test]
fn human_report_names_both_sides_and_the_passage() {
    let dir = tempfile::tempdir().expect("temp dir");
    write_pair(dir.path());
    let out = dossier(&[
        "compare",
        "alpha",
        "beta",
        &dir.path().display().to_string(),
    ]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).expect("utf-8");
    assert!(
        text.lines()
            .next()
            .is_some_and(|l| l.starts_with("A  alpha"))
    );
    assert!(text.contains("Shared passages (1)"));
    assert!(text.contains("We will not allow the camp"));
    assert!(
        text.lines()
            .all(|l| unicode_width::UnicodeWidthStr::width(l) <= 80)
    );
}

#[test]
fn unknown_document_is_an_error_naming_it() {
    let out = dossier(&["compare", "000", "nope"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("\"nope\""));
}

#[test]
fn bundled_seeds_compare_by_prefix() {
    let v = json(&["compare", "000", "002", "--json"]);
    assert_eq!(v["a"], "000_16bc0d923c9e3325");
    assert_eq!(v["b"], "002_9592ed5bc08531cd");
}

/// The acceptance check of issue 5 on the bundled seeds, through the real
/// extractor: 002 calls the MEK "a terrorist group", 000 "the main Iranian
/// opposition".
#[test]
fn seeds_000_and_002_frame_the_mek_differently() {
    let v = json(&["compare", "000", "002", "--json"]);
    let shared: Vec<&str> = v["shared"]
        .as_array()
        .expect("shared")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    let mek = shared
        .iter()
        .find(|id| {
            v["descriptors"][**id]["b"]
                .as_array()
                .is_some_and(|b| b.iter().any(|d| d == "a terrorist group"))
        })
        .unwrap_or_else(|| panic!("a shared entity 002 calls a terrorist group: {v:#}"));
    let a = &v["descriptors"][*mek]["a"];
    assert!(
        a.as_array()
            .is_some_and(|a| a.iter().any(|d| d == "the main Iranian opposition")),
        "000 calls it the main Iranian opposition: {a}"
    );
    let name = v["entities"]
        .as_array()
        .and_then(|es| es.iter().find(|e| e["id"] == **mek))
        .map(|e| e["name"].clone());
    assert!(
        name.is_some_and(|n| n
            .as_str()
            .is_some_and(|n| n.contains("MEK") || n.contains("Khalq"))),
        "the entity is the MEK"
    );
}
