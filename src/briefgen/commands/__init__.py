"""What each `briefgen` command does, called by the thin cli.py: build, serve (the preview),
list, cite, quotes, init and templates."""
