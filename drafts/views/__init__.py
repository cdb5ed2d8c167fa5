"""The pages of texts, one module per subject: reading (and comparing), editing, exports, imports."""
