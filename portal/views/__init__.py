"""The portal's own pages, one module per subject: the health check, a person's account, and
accreditation (requests, decisions, members, invitations, the audit log)."""
