"""The people of a branch, for its secretary: the roster file sent in a chat (previewed, then
imported on confirm) and the link codes of those not yet linked."""
