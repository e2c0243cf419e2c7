"""Keys, credentials and login. Secrets live only in the OS key store."""
