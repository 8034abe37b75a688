//! The entity commands end to end: `dossier entities`, `dossier xref` and
//! `dossier correct …`, with corrections in a private data directory.

use serde_json::Value;

mod sandbox;
use sandbox::Sandbox;

fn dossier(data: &std::path::Path, args: &[&str]) -> (bool, String, String) {
    let out = Sandbox::new()
        .dossier()
        .args(args)
        .env("DOSSIER_DATA_DIR", data)
        .output()
        .expect("run dossier");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn entities(data: &std::path::Path) -> Vec<Value> {
    let (ok, out, err) = dossier(data, &["entities", "--json"]);
    assert!(ok, "{err}");
    serde_json::from_str(&out).expect("entities JSON")
}

fn named<'a>(all: &'a [Value], name: &str) -> Option<&'a Value> {
    all.iter().find(|e| e["name"] == name)
}

#[test]
fn entities_json_has_the_product_shape_and_exact_offsets() {
    let data = tempfile::tempdir().unwrap();
    let all = entities(data.path());
    let mek = named(&all, "MEK").expect("MEK is an entity");
    assert_eq!(mek["kind"], "org");
    assert_eq!(mek["docs"].as_array().map(Vec::len), Some(5));
    for m in mek["mentions"].as_array().unwrap() {
        let (doc, start, end) = (
            m["doc"].as_str().unwrap(),
            m["start"].as_u64().unwrap(),
            m["end"].as_u64().unwrap(),
        );
        let (_, body, _) = dossier(data.path(), &["show", doc, "--json"]);
        let body: Value = serde_json::from_str(&body).unwrap();
        let body = body["body"].as_str().unwrap();
        assert_eq!(
            &body[start as usize..end as usize],
            m["text"].as_str().unwrap()
        );
    }
    let kerry = named(&all, "John Kerry").expect("John Kerry");
    assert!(
        kerry["aliases"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a == "Kerry")
    );
    for junk in ["However", "Despite", "Warning", "Sen. Roy Blunt", "Iran’s"] {
        assert!(named(&all, junk).is_none(), "{junk} reported");
    }
}

#[test]
fn corrections_persist_and_apply_on_the_next_run() {
    let data = tempfile::tempdir().unwrap();
    let before = entities(data.path());
    assert!(named(&before, "Tanter").is_some());
    for args in [
        &["correct", "rename", "Tanter", "Raymond Tanter"][..],
        &["correct", "hide", "Martin"],
        &["correct", "merge", "Camp Liberty", "Camp Ashraf"],
        &["correct", "kind", "Washington", "org"],
    ] {
        let (ok, _, err) = dossier(data.path(), args);
        assert!(ok, "{args:?}: {err}");
        assert!(err.contains("corrections.toml"), "{err}");
    }
    assert!(data.path().join("corrections.toml").exists());
    let after = entities(data.path());
    assert!(named(&after, "Raymond Tanter").is_some());
    assert!(named(&after, "Martin").is_none());
    assert!(named(&after, "Camp Liberty").is_none());
    let ashraf = named(&after, "Camp Ashraf").unwrap();
    assert!(
        ashraf["aliases"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a == "Camp Liberty")
    );
    assert_eq!(named(&after, "Washington").unwrap()["kind"], "org");
    let (ok, out, _) = dossier(data.path(), &["xref", "Raymond Tanter", "--json"]);
    assert!(ok);
    let x: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(x["entity"]["name"], "Raymond Tanter");
}

#[test]
fn a_broken_corrections_file_is_reported_by_name() {
    let data = tempfile::tempdir().unwrap();
    std::fs::write(
        data.path().join("corrections.toml"),
        "[[correction]]\nop = 3\n",
    )
    .unwrap();
    let (ok, _, err) = dossier(data.path(), &["entities"]);
    assert!(!ok);
    assert!(err.contains("corrections.toml"), "{err}");
}
