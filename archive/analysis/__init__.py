"""Analysis over the archive's records: milestone histories and threads (``milestones``),
one fact from many sources (``facts``), decision traces (``decisions``) and the yearly
assessment (``assessment``, ``assessment_board``). Pure functions over records and the store's
queries; nothing here writes. Installs as ``cdrp_archive.archive.analysis``."""
