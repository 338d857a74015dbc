//! The code's shape, checked: no source file under `src/` has more than
//! 400 lines before its tests (a file that grows past that is two modules).
#![cfg(not(target_arch = "wasm32"))]

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read src") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn no_source_file_has_more_than_400_lines_before_its_tests() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    assert!(files.len() > 20, "found {} files", files.len());
    let mut long = Vec::new();
    for f in files {
        // A module of tests only is all tests.
        let is_tests = f.file_stem().is_some_and(|s| s == "tests") || f.components().any(|c| c.as_os_str() == "tests");
        if is_tests {
            continue;
        }
        let text = std::fs::read_to_string(&f).expect("read");
        let before = text.lines().take_while(|l| !l.starts_with("#[cfg(test)]")).count();
        if before > 400 {
            long.push(format!("{}: {before}", f.strip_prefix(&src).unwrap().display()));
        }
    }
    assert!(long.is_empty(), "over 400 lines before the tests: {long:?}");
}
