//! Tables: the full width of the text, columns as wide as the PDF makes
//! them, the heading row bold and repeated on every page the table runs
//! onto, and no row split across pages.

use pulldown_cmark::Alignment;

use super::{Table, Writer};
use crate::docx::TEXT_WIDTH;

impl Writer<'_, '_> {
    pub(super) fn start_table(&mut self, alignments: &[Alignment]) {
        self.number_item_if_due();
        // Two tables running on would be one to Word.
        if self.after_table {
            self.out.push_str("<w:p/>");
        }
        let columns = alignments.len().max(1);
        // The widths the PDF gives the columns are what Word starts from;
        // it may still widen a column for a word that the council's font
        // sets wider than the PDF's, rather than break the word.
        let widths = widths(self.next_shares.take(), columns);
        self.out.push_str(
            "<w:tbl><w:tblPr><w:tblStyle w:val=\"TableGrid\"/><w:tblW w:w=\"5000\" w:type=\"pct\"/>\
             <w:tblCellMar><w:left w:w=\"57\" w:type=\"dxa\"/><w:right w:w=\"57\" w:type=\"dxa\"/></w:tblCellMar>\
             <w:tblLook w:val=\"04A0\" w:firstRow=\"1\" w:lastRow=\"0\" w:firstColumn=\"0\" w:lastColumn=\"0\" \
             w:noHBand=\"0\" w:noVBand=\"1\"/></w:tblPr><w:tblGrid>"
        );
        for width in &widths {
            self.out.push_str(&format!("<w:gridCol w:w=\"{width}\"/>"));
        }
        self.out.push_str("</w:tblGrid>");
        self.table = Some(Table { alignments: alignments.to_vec(), widths, column: 0, head: false });
    }

    pub(super) fn start_row(&mut self, head: bool) {
        let Some(table) = &mut self.table else { return };
        table.column = 0;
        table.head = head;
        let repeat = if head { "<w:tblHeader/>" } else { "" };
        self.out.push_str(&format!("<w:tr><w:trPr><w:cantSplit/>{repeat}</w:trPr>"));
    }

    pub(super) fn start_cell(&mut self) {
        let Some(table) = &self.table else { return };
        let width = table.widths.get(table.column).copied().unwrap_or_default();
        self.out.push_str(&format!("<w:tc><w:tcPr><w:tcW w:w=\"{width}\" w:type=\"dxa\"/></w:tcPr>"));
    }

    /// Ends a cell: Word needs a paragraph in every one, even an empty one.
    pub(super) fn end_cell(&mut self) {
        self.paragraph();
        self.close_paragraph();
        self.out.push_str("</w:tc>");
        if let Some(table) = &mut self.table {
            table.column += 1;
        }
    }

    /// Ends a row, with empty cells for any its Markdown left out.
    pub(super) fn end_row(&mut self) {
        while let Some(table) = &self.table {
            if table.column >= table.widths.len() {
                break;
            }
            self.start_cell();
            self.end_cell();
        }
        self.out.push_str("</w:tr>");
        if let Some(table) = &mut self.table {
            table.head = false;
        }
    }

    pub(super) fn end_table(&mut self) {
        self.out.push_str("</w:tbl>");
        self.table = None;
        self.after_table = true;
    }
}

/// How the paragraphs of the current cell are aligned, when not to the
/// left.
pub(super) fn alignment(table: &Table) -> Option<&'static str> {
    match table.alignments.get(table.column) {
        Some(Alignment::Center) => Some("center"),
        Some(Alignment::Right) => Some("right"),
        _ => None,
    }
}

/// The width of each of `columns` columns, in twentieths of a point: the
/// text's width shared as `shares` says, or equally.
fn widths(shares: Option<Vec<usize>>, columns: usize) -> Vec<u32> {
    let shares = shares
        .filter(|shares| shares.len() == columns && shares.iter().sum::<usize>() > 0)
        .unwrap_or_else(|| vec![1; columns]);
    let total: usize = shares.iter().sum();
    let width = TEXT_WIDTH as usize;
    let mut widths: Vec<u32> = shares.iter().map(|share| (width * share / total) as u32).collect();
    // The last column takes what rounding down left over.
    let used: u32 = widths.iter().sum();
    if let Some(last) = widths.last_mut() {
        *last += TEXT_WIDTH - used;
    }
    widths
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_the_text_width_between_columns() {
        assert_eq!(widths(None, 2), vec![4535, 4535]);
        assert_eq!(widths(Some(vec![3, 1]), 2), vec![6802, 2268]);
        assert_eq!(widths(Some(vec![3, 1]), 3), vec![3023, 3023, 3024]);
    }
}
