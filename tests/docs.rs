//! README documents the stylesheet's theming surface: every custom property
//! the stylesheet reads from the host (`var(--kibitz-…)`: kibitz declares
//! none of them itself, see style.css) is a row of the variables table, and
//! every row is one it reads, so a site owner can theme everything the
//! widget lets them (issue 6: "a list of every variable").

/// The names after `--kibitz-` in `var(--kibitz-…` of the stylesheet.
fn read_by_the_stylesheet() -> Vec<&'static str> {
    let css = include_str!("../style.css");
    let mut names: Vec<&str> = css
        .split("var(--kibitz-")
        .skip(1)
        .filter_map(|rest| rest.split([',', ')']).next())
        .collect();
    names.sort_unstable();
    names.dedup();
    names
}

#[test]
fn readme_lists_every_custom_property_the_stylesheet_reads() {
    let readme = include_str!("../README.md");
    let read = read_by_the_stylesheet();
    assert!(read.len() >= 20, "found {read:?}");
    for name in &read {
        assert!(
            readme.contains(&format!("| `--kibitz-{name}` |")),
            "README's variables table lacks --kibitz-{name}"
        );
    }
    // And no row names a property that does nothing.
    for row in readme
        .lines()
        .filter_map(|l| l.strip_prefix("| `--kibitz-"))
    {
        let name = row.split('`').next().unwrap_or_default();
        assert!(
            read.contains(&name),
            "README lists --kibitz-{name}, which the stylesheet does not read"
        );
    }
}
