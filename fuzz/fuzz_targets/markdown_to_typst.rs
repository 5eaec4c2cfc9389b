//! Fuzzes the typeset stage: whatever Markdown an officer writes, the Typst
//! markup made from it must parse without errors.

#![no_main]

use exec_report::typeset::markdown_to_typst;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|markdown: &str| {
    let typst = markdown_to_typst(markdown);
    let root = typst::syntax::parse(&typst);
    let (errors, _warnings) = root.errors_and_warnings();
    assert!(errors.is_empty(), "Typst errors {errors:?} in {typst:?} from {markdown:?}");
});
