//! Storage of articles and analyses: SQLite (embedded, default) and in-memory.
