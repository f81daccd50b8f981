"""The Zalo Bot Platform transport: a small aiohttp client, event conversion, text
rendering, polling and the webhook."""
