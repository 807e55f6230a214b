"""Text utilities over clean article text: sentence segmentation and the abbreviation table."""
