"""Stage 3, render: the checked model as HTML pages, through Jinja templates (the built-in theme/
under the project's own), with Markdown, citations, the companion and the handouts."""
