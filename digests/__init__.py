"""News logic without I/O: parsing, language, sentences, quotes, speakers, summaries."""
