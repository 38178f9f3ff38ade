"""Reading papers into records: readers (one per format) turn a file into plain data,
interpreters turn that data into records. Installs as ``cdrp_archive.extract``."""

# Bump when what the extractor produces changes: documents read by an older version are
# read again by the next ingest.
EXTRACTOR_VERSION = "4"
