"""The anonymiser's rule version, recorded on each run and each document (a light module: a run
that processes nothing records it without importing spaCy)."""

# 0.2: the trained person tagger, OCR digit shadow, reference numbers, foreign addresses/dates
# 0.3: P.O. boxes, lowercase addresses, foreign street words and postcodes, dotted references,
#      phone numbers in words, two-digit years, names in capitals, "Van Dam" and its pet names
# 0.4: letter-spaced OCR scans read as written, Cyrillic months, Eastern-European addresses,
#      Chinese names in pinyin, initials of a found colleague; residual: name pairs, scans
# 0.5: references of capitals glued to digits, OCR area codes in scans, Horn of Africa given
#      names, a month as surname, found names in file names and in capitals; residual: a known
#      given name beside an unknown word anywhere
# 0.6: every organisation name and alias of nlp/metadata/organisations.toml is kept ("Briedis",
#      "Intervence", "RvK", "Jeugdbescherming Haaglanden" were read as persons or places)
ANONYMISER_VERSION = "regels-0.6"
