//! Drawing: one file per pane or view, each a pure function of borrowed
//! state. (The reader's panes join this module; the compare view is here
//! first.)

pub mod compare;
