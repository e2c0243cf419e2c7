"""Social security cards (社会保障卡) over PC/SC (FACTS.md §2)."""
