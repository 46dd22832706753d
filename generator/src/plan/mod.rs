//! Stage 4: the plan — for every operation, what its method takes and returns, which types it
//! uses and what runtime support it needs; for the whole API, which runtime parts, features and
//! serde directions the crate has. Emission walks the plan and the type space, nothing else.

pub mod needs;
