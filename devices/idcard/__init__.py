"""Second-generation ID card readers speaking the SAM serial protocol (FACTS.md §1)."""
