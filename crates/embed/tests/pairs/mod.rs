//! Invented sentence pairs shared by the lexical and model tests.

pub const ORIGINAL: &str = "It is a fact that the dam cannot be breached by any flood";
pub const REWORDED: &str = "The fact is that the dam is unbreachable by floods";
pub const SHORTENED: &str = "the dam is unbreachable";
pub const UNRELATED: &str = "Heavy rain closed three schools in the north";
