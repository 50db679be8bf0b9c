"""Stage 2, check: every quotation verbatim in its source, every reference resolvable, every
teaching rule kept, before anything is rendered."""
