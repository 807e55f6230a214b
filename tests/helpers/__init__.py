"""Story folders the tests build in a temporary folder, shared so that the baseline, waiver
and draft tests check one and the same small story rather than each its own copy of it.

Every text here is about made-up events, never the seed story.
"""
