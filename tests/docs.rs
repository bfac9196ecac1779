//! README documents the stylesheet's theming surface: every custom property
//! the widget's root declares is a row of the variables table, so a site
//! owner can theme everything the widget lets them (issue 6: "a list of
//! every variable").

#[test]
fn readme_lists_every_custom_property_of_the_root() {
    let css = include_str!("../style.css");
    let readme = include_str!("../README.md");
    let declared: Vec<&str> = css
        .lines()
        .filter_map(|line| line.trim_start().strip_prefix("--kibitz-"))
        .filter_map(|rest| rest.split(':').next())
        .collect();
    assert!(declared.len() >= 15, "found {declared:?}");
    for name in declared {
        assert!(
            readme.contains(&format!("| `--kibitz-{name}` |")),
            "README's variables table lacks --kibitz-{name}"
        );
    }
}
