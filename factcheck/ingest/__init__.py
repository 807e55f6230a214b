"""Story folders in, `Story` out: manifest, front matter, decoding, HTML main text, cleaning.

`load_story(dir)` is the entry point and `load_article_file(path)` reads a lone file;
`clean.clean_text(original, format)` is the cleaner with its offset map, usable on its own.
"""

from factcheck.ingest.loader import load_article_file, load_story

__all__ = ["load_article_file", "load_story"]
