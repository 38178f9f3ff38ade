"""Sources of papers beyond the user's own folders: a council's committee-management site.

``moderngov`` reads what a ModernGov site answers (its XML web service and its HTML pages) into
plain records, without I/O; ``http`` is the polite client that fetches it; ``importer`` walks a
committee's meetings, downloads their papers into the archive home and ingests them.
"""
