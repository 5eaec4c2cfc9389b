//! exec-report renders council Executive Member reports, and the other
//! member reports and committee papers, from YAML to Markdown and
//! accessible PDF.
//!
//! The stages, in the order data passes through them:
//! [`input`] (finding folders, reading YAML, council settings),
//! [`kinds`] (each kind of document: model, checks, view; and the packs
//! made from a folder's documents), [`kpi`] (figures in words and charts),
//! [`lint`] (style rules on prose), [`render`] (tera to Markdown),
//! [`typeset`] (Markdown to Typst), [`pdf`] (Typst to PDF), and
//! [`build`], which runs them all for every folder under a path.
//! Around them: [`cycle`] (the next meeting's folder), [`watch`] (files
//! changed on disk) and [`studio`] (editing in a browser, with live
//! problems and pages).

// Diagnostics are large but only travel on the error path.
#![allow(clippy::result_large_err)]

pub mod build;
pub mod cycle;
pub mod docx;
pub mod html;
pub mod input;
pub mod kinds;
pub mod kpi;
pub(crate) mod lint;
pub mod markup;
pub mod pdf;
pub mod percent;
pub mod publish;
pub mod render;
pub mod schema;
pub mod studio;
pub mod terminal;
pub mod text;
pub mod typeset;
pub mod watch;
pub mod xml;
