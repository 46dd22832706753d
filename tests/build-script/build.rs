//! Generates the Todo client into `$OUT_DIR/todo.rs`, run by cargo whenever the collection or
//! the overrides change; `src/lib.rs` includes it.

fn main() -> Result<(), postman_codegen::Error> {
    postman_codegen::Config::new()
        .overrides("todo.overrides.toml")
        .module_name("todo")
        // An extra derive, to show it reaches the compiled types (the test relies on it).
        .type_attribute("Todo", "#[derive(Eq, Hash)]")
        .compile("../../collections/todo.postman_collection.json")?;
    Ok(())
}
