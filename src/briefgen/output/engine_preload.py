"""Imported by the server the layout workers are forked from (output/workers.py), which
can only import modules: importing this imports WeasyPrint the quick way (output/engine.py),
once, before any worker is forked."""

from briefgen.output.engine import import_weasyprint

import_weasyprint()
