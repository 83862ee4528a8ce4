"""Text in, assertions out: readers per input format, then the spaCy pipeline and pattern files."""
