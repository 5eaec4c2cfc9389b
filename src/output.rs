//! The output stage: files written whole or not at all.
//!
//! Every file is written to a temporary file in its own folder and renamed
//! over the old one, so a reader (or a run that is killed) never sees half a
//! report, and a failed run leaves the previous good files untouched.

use std::fs;
use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};

/// Writes `bytes` to `path` atomically, creating its folder if needed.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let folder = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    fs::create_dir_all(folder).with_context(|| format!("cannot create the folder `{}`", folder.display()))?;
    let mut builder = tempfile::Builder::new();
    builder.prefix(".exec-report-");
    // Reports are published documents: readable by everyone like any saved
    // file, not owner-only like a temporary file.
    #[cfg(unix)]
    builder.permissions(<fs::Permissions as std::os::unix::fs::PermissionsExt>::from_mode(0o644));
    let mut file =
        builder.tempfile_in(folder).with_context(|| format!("cannot write in `{}`", folder.display()))?;
    file.write_all(bytes).with_context(|| format!("cannot write `{}`", path.display()))?;
    file.as_file().sync_all().with_context(|| format!("cannot write `{}`", path.display()))?;
    file.persist(path).with_context(|| format!("cannot replace `{}`", path.display()))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_a_file_and_leaves_no_temporary_behind() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("deep/report.md");
        write_atomic(&path, b"first").unwrap();
        write_atomic(&path, b"second").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "second");
        let names: Vec<_> =
            fs::read_dir(path.parent().unwrap()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, ["report.md"]);
    }
}
