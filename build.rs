//! Registers every language table in `src/i18n/`: each `<code>.rs` there
//! (other than `tests.rs`) becomes a module and an entry of `LANGUAGES`, so
//! adding a language is adding one file.

use std::{env, fs, path::Path};

fn main() {
    let dir = Path::new("src/i18n");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut codes: Vec<String> = fs::read_dir(dir)
        .expect("src/i18n is readable")
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter_map(|name| name.strip_suffix(".rs").map(String::from))
        .filter(|code| code != "tests")
        .collect();
    // English first: it is the fallback and the reference table.
    codes.sort_by_key(|code| (code != "en", code.clone()));
    let root = env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let mut out = String::new();
    for code in &codes {
        out.push_str(&format!(
            "#[path = \"{root}/src/i18n/{code}.rs\"]\nmod {code};\n"
        ));
    }
    out.push_str("/// Every shipped language, English first.\npub const LANGUAGES: &[&Words] = &[");
    for code in &codes {
        out.push_str(&format!("&{code}::WORDS, "));
    }
    out.push_str("];\n");
    let target = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("languages.rs");
    fs::write(target, out).expect("OUT_DIR is writable");
}
