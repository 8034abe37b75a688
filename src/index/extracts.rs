//! Entity extracts through the index: read back for files whose parse is
//! unchanged, made and stored for the others.
//!
//! Extraction is the costly half of entity indexing; it depends on one
//! document's cleaned body only, so it is stored per file beside the parse
//! (and dropped whenever the parse is replaced). Resolution across the
//! corpus is cheap by comparison and always runs anew, since it depends on
//! every document.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, mpsc};

use rayon::prelude::*;

use super::codec::{self, Blob, Extracts};
use super::db::{Db, DbError};
use super::sync::{Span, lock};
use crate::entities::{Extract, Fold, extract};
use crate::store::Document;

/// Files read back (and, for those without stored extracts, made and
/// stored in one transaction) at a time. Their decoded extracts are held
/// until folded: 512 files' worth is ~9 MB at 100,000 articles, where
/// 2,048 was ~35 MB; a transaction per 512 files costs little in WAL mode
/// with `synchronous=NORMAL`.
const BATCH: usize = 512;

/// One batch made on the calling thread, for the sink thread to store and
/// fold.
struct Ready {
    /// The next documents' extracts, in corpus order.
    extracts: Vec<Extract>,
    /// New extracts to store, by file row.
    writes: Vec<(i64, Blob)>,
}

/// The extracts of `docs`, folded in document order. Each batch's extracts
/// are folded in and dropped as soon as every document before them is in.
/// Storing and folding (both serial) run on a thread of their own while
/// the next batch is read back or made across cores; the hand-over waits
/// once one batch is already waiting for that thread, so at most three
/// batches are held at once.
pub fn gather(
    db: &mut Db,
    spans: &[Span],
    docs: &[Document],
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<Fold, DbError> {
    let db = Mutex::new(db);
    let db = &db;
    std::thread::scope(|s| {
        // Room for one batch: a commit ending in a WAL checkpoint (and
        // its fsync) does not hold up the next batch's extraction.
        let (tx, rx) = mpsc::sync_channel::<Ready>(1);
        let sink = s.spawn(move || -> Result<Fold, DbError> {
            let mut fold = Fold::default();
            for ready in rx {
                if !ready.writes.is_empty() {
                    lock(db).batch(|w| {
                        ready
                            .writes
                            .iter()
                            .try_for_each(|(row, (bytes, sum))| w.put_extracts(*row, bytes, *sum))
                    })?;
                }
                ready.extracts.iter().for_each(|x| fold.push(x));
                drop(ready);
            }
            Ok(fold)
        });
        let made = make(db, spans, docs, progress, &tx);
        drop(tx);
        let fold = match sink.join() {
            Ok(fold) => fold?,
            Err(panic) => std::panic::resume_unwind(panic),
        };
        made.map(|()| fold)
    })
}

/// Read back or make every batch's extracts and hand them to `tx`, in
/// order; stop early if the sink has stopped (its error is the one to
/// report).
fn make(
    db: &Mutex<&mut Db>,
    spans: &[Span],
    docs: &[Document],
    progress: &(dyn Fn(usize, usize) + Sync),
    tx: &mpsc::SyncSender<Ready>,
) -> Result<(), DbError> {
    let done = AtomicUsize::new(0);
    let mut out: Vec<Option<Extract>> = Vec::with_capacity(docs.len());
    out.resize_with(docs.len(), || None);
    // The first document not yet handed over.
    let mut next = 0;
    for chunk in spans.chunks(BATCH) {
        let blobs: Vec<Option<Blob>> = match chunk.iter().any(|span| span.has_extracts) {
            true => lock(db).read(|db| {
                chunk
                    .iter()
                    .map(|span| match span.has_extracts {
                        true => db.extracts(span.row).map(Some),
                        false => Ok(None),
                    })
                    .collect()
            })?,
            // A cold batch: no read transaction to wait for the sink's write.
            false => vec![None; chunk.len()],
        };
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
                let docs = &docs[range];
                let made: Extracts = docs.iter().map(|d| extract(&d.body)).collect();
                // Extracts encode to about as many bytes as the text.
                let text: usize = docs.iter().map(|d| d.body.len()).sum();
                let blob = codec::encode_sized(&made, text);
                Ok((made, Some(blob)))
            })
            .collect();
        let got: Vec<_> = got.into_iter().collect::<Result<_, _>>()?;
        let mut writes = Vec::new();
        for (span, (extracts, blob)) in chunk.iter().zip(got) {
            if let Some(blob) = blob {
                writes.push((span.row, blob));
            }
            for (i, x) in extracts.into_iter().enumerate() {
                out[span.first + i] = Some(x);
            }
        }
        let extracts = take_ready(&mut out, &mut next);
        if tx.send(Ready { extracts, writes }).is_err() {
            return Ok(());
        }
    }
    // Documents of files the index could not key (a path that is not
    // UTF-8) are extracted without storing.
    let missing: Vec<usize> = (next..docs.len()).filter(|&i| out[i].is_none()).collect();
    let made: Vec<Extract> = missing
        .par_iter()
        .map(|&i| extract(&docs[i].body))
        .collect();
    for (i, x) in missing.into_iter().zip(made) {
        out[i] = Some(x);
    }
    let extracts = take_ready(&mut out, &mut next);
    // A closed sink has its own error to report.
    let _ = tx.send(Ready {
        extracts,
        writes: Vec::new(),
    });
    Ok(())
}

/// Take (leaving `None`) every extract from `next` up to the first one
/// still missing, and move `next` past them.
fn take_ready(out: &mut [Option<Extract>], next: &mut usize) -> Vec<Extract> {
    let mut ready = Vec::new();
    while let Some(x) = out.get_mut(*next).and_then(Option::take) {
        ready.push(x);
        *next += 1;
    }
    ready
}
