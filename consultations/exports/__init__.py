"""Comment exports, the writers: CSV (by PostgreSQL's COPY, or in Python), XLSX and JSON data
(streamed) and the DOCX compilation of a version, for the public or for the secretariat.

`filters` validates what a request asks for; what is read lives in `selectors.exports`; the
views are in `views/exports.py`."""
