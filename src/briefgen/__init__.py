"""briefgen: curated sources and verified quotations in, classroom briefing packs out."""

__version__ = "0.1.0"
