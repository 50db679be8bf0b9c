"""Stage 1, load: briefgen.yaml and content/ read into the typed model, every problem at file:line.

YAML with line numbers, records and their fields, the settings, sources, quotations, briefs
(and their Markdown), the teaching material, and reading files safely from a shared folder.
"""
