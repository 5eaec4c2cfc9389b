//! Being written.

use crate::kinds::{Described, Document};
use crate::model::Style;

/// Being written.
#[derive(Debug, Clone, serde::Deserialize, schemars::JsonSchema)]
pub struct ScrutinyReport {}

impl Document for ScrutinyReport {
    fn view(&self, _style: &Style) -> Result<serde_json::Value, String> {
        Err("not yet".into())
    }

    fn describe(&self, _style: &Style) -> Described {
        Described {
            title: String::new(),
            subtitle: String::new(),
            council: String::new(),
            author: String::new(),
            date: jiff::civil::date(2000, 1, 1),
        }
    }
}
