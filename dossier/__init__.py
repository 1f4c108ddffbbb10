"""dossier: a static site generator for annotated news dossiers."""

__version__ = "0.4.0"
