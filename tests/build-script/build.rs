//! Generates the Todo client into `$OUT_DIR/todo.rs` on every build where the collection
//! changed; `src/lib.rs` includes it.

fn main() -> Result<(), postman_codegen::Error> {
    postman_codegen::Config::new()
        .module_name("todo")
        // An extra derive, to show it reaches the compiled types (the test relies on it).
        .type_attribute("GetTodosResponseItem", "#[derive(Default)]")
        .compile("../../collections/todo.postman_collection.json")?;
    Ok(())
}
