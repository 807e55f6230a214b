"""A hostile input corpus, built by the tests into a temporary folder (no committed binaries).

Each builder writes one story folder whose articles exercise one kind of bad input next to a
good article, so a test can check both the exact problem reported and that nothing else was
lost. The article text is about made-up events, never the seed story.
"""
