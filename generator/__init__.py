"""Explainer-microsite generator: articles and curated key points in, Markdown pages out."""

__version__ = "0.1.0"
