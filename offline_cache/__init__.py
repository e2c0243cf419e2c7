"""Local storage: SQLite (WAL) with versioned migrations, encrypted personal fields, an encrypted content-addressed
blob store and the outbox. Depends on the domain only; never on ui or Qt."""
