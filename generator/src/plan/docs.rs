//! Doc text the plan decides: argument lines and code spans.

/// `text` as a Markdown code span (backticks inside become quotes).
pub fn code(text: &str) -> String {
    format!("`{}`", text.replace('`', "'"))
}

/// One `* name — description` line for a method's argument list.
pub fn arg_doc(name: &str, description: Option<&str>, example: Option<&str>) -> String {
    let name = name.trim_start_matches("r#");
    let description = description.map(|d| d.split_whitespace().collect::<Vec<_>>().join(" "));
    match (
        description.filter(|d| !d.is_empty()),
        example.filter(|e| !e.is_empty()),
    ) {
        (Some(d), _) => format!("* `{name}` — {d}"),
        (None, Some(e)) => format!("* `{name}` — e.g. {}", code(e)),
        (None, None) => format!("* `{name}`"),
    }
}
