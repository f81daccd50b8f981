"""One catalog module per feature; each defines VI and EN with the same keys."""
