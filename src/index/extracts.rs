//! Entity extracts through the index: read back for files whose parse is
//! unchanged, made and stored for the others.
//!
//! Extraction is the costly half of entity indexing; it depends on one
//! document's cleaned body only, so it is stored per file beside the parse
//! (and dropped whenever the parse is replaced). Resolution across the
//! corpus is cheap by comparison and always runs anew, since it depends on
//! every document.

use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

use super::codec::{self, Blob, Extracts};
use super::db::{Db, DbError};
use super::sync::Span;
use crate::entities::{Extract, Fold, extract};
use crate::store::Document;

/// Files read back (and, for those without stored extracts, made and
/// stored in one transaction) at a time. Their decoded extracts are held
/// until folded: 512 files' worth is ~9 MB at 100,000 articles, where
/// 2,048 was ~35 MB; a transaction per 512 files costs little in WAL mode
/// with `synchronous=NORMAL`.
const BATCH: usize = 512;

/// The extracts of `docs`, folded in document order. Each batch's extracts
/// are folded in and dropped as soon as every document before them is in,
/// so only one batch is held whole at a time.
pub fn gather(
    db: &mut Db,
    spans: &[Span],
    docs: &[Document],
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<Fold, DbError> {
    let done = AtomicUsize::new(0);
    let mut fold = Fold::default();
    let mut out: Vec<Option<Extract>> = Vec::with_capacity(docs.len());
    out.resize_with(docs.len(), || None);
    for chunk in spans.chunks(BATCH) {
        let blobs: Vec<Option<Blob>> = db.read(|db| {
            chunk
                .iter()
                .map(|span| match span.has_extracts {
                    true => db.extracts(span.row).map(Some),
                    false => Ok(None),
                })
                .collect()
        })?;
        let got: Vec<Result<(Extracts, Option<Blob>), DbError>> = chunk
            .par_iter()
            .zip(blobs)
            .map(|(span, blob)| {
                progress(done.fetch_add(1, Ordering::Relaxed) + 1, spans.len());
                let range = span.first..span.first + span.len;
                if let Some((bytes, sum)) = blob {
                    let stored: Extracts =
                        codec::decode(&bytes, sum).map_err(|e| DbError::Unusable {
                            reason: e.to_string(),
                        })?;
                    if stored.len() == span.len {
                        return Ok((stored, None));
                    }
                }
                let made: Extracts = docs[range].iter().map(|d| extract(&d.body)).collect();
                let blob = codec::encode(&made);
                Ok((made, Some(blob)))
            })
            .collect();
        let got: Vec<_> = got.into_iter().collect::<Result<_, _>>()?;
        if got.iter().any(|(_, blob)| blob.is_some()) {
            db.batch(|w| {
                for (span, (_, blob)) in chunk.iter().zip(&got) {
                    if let Some((bytes, sum)) = blob {
                        w.put_extracts(span.row, bytes, *sum)?;
                    }
                }
                Ok(())
            })?;
        }
        for (span, (extracts, _)) in chunk.iter().zip(got) {
            for (i, x) in extracts.into_iter().enumerate() {
                out[span.first + i] = Some(x);
            }
        }
        fold_ready(&mut fold, &mut out);
    }
    // Documents of files the index could not key (a path that is not
    // UTF-8) are extracted without storing.
    let missing: Vec<usize> = (fold.docs()..docs.len())
        .filter(|&i| out[i].is_none())
        .collect();
    let made: Vec<Extract> = missing
        .par_iter()
        .map(|&i| extract(&docs[i].body))
        .collect();
    for (i, x) in missing.into_iter().zip(made) {
        out[i] = Some(x);
    }
    fold_ready(&mut fold, &mut out);
    Ok(fold)
}

/// Fold in (and drop) every extract from the next unfolded document up to
/// the first one still missing.
fn fold_ready(fold: &mut Fold, out: &mut [Option<Extract>]) {
    while let Some(x) = out.get_mut(fold.docs()).and_then(Option::take) {
        fold.push(&x);
    }
}
