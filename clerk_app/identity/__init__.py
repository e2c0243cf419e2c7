"""Identity services: card records to applicants, validation of typed identities, the reader manager."""
