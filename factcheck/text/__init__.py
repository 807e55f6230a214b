"""Text utilities: the abbreviation table, read as whether a full stop ends a sentence
(sentences themselves come from the parse: `factcheck.nlp.sentences`)."""
