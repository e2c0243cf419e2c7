"""The acceptance flow at the window: draft session, decision rules, one-transaction commit, documents."""
