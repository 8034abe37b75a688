//! The user's corrections to the machine: merge two entities, split an
//! alias off into its own entity, rename, change the kind, or hide one.
//!
//! They live in `corrections.toml` under the user's data directory
//! (`$DOSSIER_DATA_DIR`, else `dirs::data_dir()/dossier`), are written
//! atomically (a temporary file in the same folder, then a rename), and are
//! applied in order at every build. An entity is named by its id
//! (`org:mek`) or any of its names, case-insensitively, so a correction
//! still applies when the corpus grows.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::resolve::key;
use super::{Entity, Kind};
use crate::store::Document;

/// One correction. In the file: `[[correction]]` tables with an `op`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "lowercase")]
pub enum Correction {
    /// `entity` is the same thing as `into`; its mentions move there.
    Merge { entity: String, into: String },
    /// The mentions of `entity` written `alias` are a different entity.
    Split { entity: String, alias: String },
    /// Show `entity` as `name`.
    Rename { entity: String, name: String },
    /// `entity` is of another kind.
    Kind { entity: String, kind: Kind },
    /// `entity` is not an entity at all.
    Hide { entity: String },
}

/// The corrections file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Corrections {
    #[serde(default, rename = "correction")]
    pub list: Vec<Correction>,
}

#[derive(Debug, thiserror::Error)]
pub enum CorrectionsError {
    #[error("no data directory for corrections (set DOSSIER_DATA_DIR)")]
    NoDataDir,
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{}: {source}", path.display())]
    Parse {
        path: PathBuf,
        #[source]
        source: toml::de::Error,
    },
    #[error("serialising corrections: {0}")]
    Serialize(#[from] toml::ser::Error),
}

impl Corrections {
    /// Where the user's corrections live.
    pub fn default_path() -> Result<PathBuf, CorrectionsError> {
        if let Some(dir) = std::env::var_os("DOSSIER_DATA_DIR").filter(|d| !d.is_empty()) {
            return Ok(PathBuf::from(dir).join("corrections.toml"));
        }
        dirs::data_dir()
            .map(|d| d.join("dossier").join("corrections.toml"))
            .ok_or(CorrectionsError::NoDataDir)
    }

    /// The user's corrections; none when the file does not exist yet.
    pub fn load() -> Result<Self, CorrectionsError> {
        Self::load_from(&Self::default_path()?)
    }

    pub fn load_from(path: &Path) -> Result<Self, CorrectionsError> {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Self::default()),
            Err(source) => {
                return Err(CorrectionsError::Io {
                    path: path.into(),
                    source,
                });
            }
        };
        toml::from_str(&text).map_err(|source| CorrectionsError::Parse {
            path: path.into(),
            source,
        })
    }

    /// Write atomically: a reader never sees half a file.
    pub fn save_to(&self, path: &Path) -> Result<(), CorrectionsError> {
        let io = |source| CorrectionsError::Io {
            path: path.into(),
            source,
        };
        let text = toml::to_string_pretty(self)?;
        crate::store::atomic::write(path, text.as_bytes()).map_err(io)
    }

    /// Append one correction to the user's file; returns the file's path.
    pub fn record(c: Correction) -> Result<PathBuf, CorrectionsError> {
        let path = Self::default_path()?;
        Self::record_at(&path, c)?;
        Ok(path)
    }

    pub fn record_at(path: &Path, c: Correction) -> Result<(), CorrectionsError> {
        let mut all = Self::load_from(path)?;
        all.list.push(c);
        all.save_to(path)
    }

    /// Apply every correction, in order, to `entities` of `docs`. A
    /// correction naming no entity is skipped.
    pub fn apply(&self, entities: &mut Vec<Entity>, docs: &[Document]) {
        for c in &self.list {
            match c {
                Correction::Merge { entity, into } => {
                    let (Some(a), Some(b)) = (find(entities, entity), find(entities, into)) else {
                        continue;
                    };
                    if a == b {
                        continue;
                    }
                    let gone = entities[a].clone();
                    let target = &mut entities[b];
                    target.mentions.extend(gone.mentions);
                    for alias in gone.aliases {
                        if !target.aliases.contains(&alias) {
                            target.aliases.push(alias);
                        }
                    }
                    entities.remove(a);
                }
                Correction::Split { entity, alias } => {
                    let Some(i) = find(entities, entity) else {
                        continue;
                    };
                    let wanted = key(alias);
                    let text = |m: &super::Mention| {
                        docs.get(m.doc_idx())
                            .and_then(|d| d.body.get(m.range()))
                            .unwrap_or("")
                    };
                    let (moved, kept): (Vec<_>, Vec<_>) = entities[i]
                        .mentions
                        .iter()
                        .partition(|m| key(text(m)) == wanted);
                    if moved.is_empty() || kept.is_empty() {
                        continue;
                    }
                    let e = &mut entities[i];
                    e.mentions = kept;
                    e.aliases.retain(|a| key(a) != wanted);
                    let kind = e.kind;
                    let new = Entity {
                        id: format!("{}:{}", kind.as_str(), slug(alias)),
                        name: alias.clone(),
                        kind,
                        aliases: vec![alias.clone()],
                        mentions: moved,
                    };
                    entities.push(new);
                }
                Correction::Rename { entity, name } => {
                    let Some(i) = find(entities, entity) else {
                        continue;
                    };
                    let e = &mut entities[i];
                    e.name = name.clone();
                    if !e.aliases.contains(name) {
                        e.aliases.insert(0, name.clone());
                    }
                }
                Correction::Kind { entity, kind } => {
                    if let Some(i) = find(entities, entity) {
                        entities[i].kind = *kind;
                    }
                }
                Correction::Hide { entity } => {
                    if let Some(i) = find(entities, entity) {
                        entities.remove(i);
                    }
                }
            }
        }
    }
}

/// The entity a correction names: by id, else by name, else by alias
/// (case-insensitive), the most mentioned first.
fn find(entities: &[Entity], name: &str) -> Option<usize> {
    if let Some(i) = entities.iter().position(|e| e.id == name) {
        return Some(i);
    }
    let wanted = name.trim().to_lowercase();
    let best = |pred: &dyn Fn(&Entity) -> bool| {
        entities
            .iter()
            .enumerate()
            .filter(|(_, e)| pred(e))
            .max_by_key(|(i, e)| (e.mentions.len(), std::cmp::Reverse(*i)))
            .map(|(i, _)| i)
    };
    best(&|e| e.name.to_lowercase() == wanted)
        .or_else(|| best(&|e| e.aliases.iter().any(|a| a.to_lowercase() == wanted)))
}

/// A stable id fragment: lowercase letters and digits, dashes between.
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in key(name).chars() {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::Mention;

    fn doc(body: &str) -> Document {
        Document::from_text("d", "", body)
    }

    fn entity(name: &str, kind: Kind, spans: &[(u32, u32)]) -> Entity {
        Entity {
            id: format!("{}:{}", kind.as_str(), slug(name)),
            name: name.into(),
            kind,
            aliases: vec![name.into()],
            mentions: spans
                .iter()
                .map(|&(start, end)| Mention { doc: 0, start, end })
                .collect(),
        }
    }

    #[test]
    fn round_trips_atomically_and_applies_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub").join("corrections.toml");
        Corrections::record_at(
            &path,
            Correction::Merge {
                entity: "MKO".into(),
                into: "org:mek".into(),
            },
        )
        .unwrap();
        Corrections::record_at(
            &path,
            Correction::Rename {
                entity: "MEK".into(),
                name: "PMOI".into(),
            },
        )
        .unwrap();
        Corrections::record_at(
            &path,
            Correction::Hide {
                entity: "However".into(),
            },
        )
        .unwrap();
        Corrections::record_at(
            &path,
            Correction::Kind {
                entity: "Kerry".into(),
                kind: Kind::Place,
            },
        )
        .unwrap();
        let loaded = Corrections::load_from(&path).unwrap();
        assert_eq!(loaded.list.len(), 4);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains("op = \"merge\""), "{text}");

        let body = "MEK and MKO. However Kerry.";
        let mut es = vec![
            entity("MEK", Kind::Org, &[(0, 3)]),
            entity("MKO", Kind::Org, &[(8, 11)]),
            entity("However", Kind::Org, &[(13, 20)]),
            entity("Kerry", Kind::Person, &[(21, 26)]),
        ];
        loaded.apply(&mut es, &[doc(body)]);
        assert_eq!(es.len(), 2);
        assert_eq!(es[0].name, "PMOI");
        assert_eq!(es[0].id, "org:mek");
        assert_eq!(es[0].mentions.len(), 2);
        assert!(es[0].aliases.contains(&"MKO".to_string()));
        assert_eq!(es[1].kind, Kind::Place);

        let split = Corrections {
            list: vec![Correction::Split {
                entity: "PMOI".into(),
                alias: "MKO".into(),
            }],
        };
        split.apply(&mut es, &[doc(body)]);
        assert_eq!(es.len(), 3);
        assert_eq!(es[2].name, "MKO");
        assert_eq!(
            es[2].mentions,
            vec![Mention {
                doc: 0,
                start: 8,
                end: 11
            }]
        );
    }

    #[test]
    fn missing_file_is_empty_and_bad_file_names_itself() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("corrections.toml");
        assert_eq!(
            Corrections::load_from(&path).unwrap(),
            Corrections::default()
        );
        std::fs::write(&path, "[[correction]]\nop = \"explode\"\n").unwrap();
        let err = Corrections::load_from(&path).unwrap_err().to_string();
        assert!(err.contains("corrections.toml"), "{err}");
    }
}
