"""Query counts of every public page, fragment, export and API endpoint (N+1-free).

The rule: the number of SQL queries a GET costs must not depend on how much data the page
shows. Each app's pages are listed in PAGES in their own module (test_portal_pages.py,
test_drafts_pages.py, test_consultations_pages.py, test_exports.py, test_api.py: add a new
page to the module of its URLs). Each row names a page, who looks at it, and what it lists; the test
builds a small dataset, counts the queries of one GET, grows what the page lists (at least
5× more rows, spread over several authors, organizations, provisions, versions...), counts
again and asserts that both counts are equal. A per-row query (an N+1) shows up as a
difference. Each page is checked as whoever sees the most on it (the secretariat or a drafter
for staff pages and staff views of public pages, the author for "my" pages) and anonymously
when it is public.

Counting: before the first count a GET warms the session up (a session's first request
records it); before each count the cache is cleared (so the cached rendering of a published
text is rendered again and counted); a streamed body (CSV, JSON, XLSX, documents) is read
inside the count. Staff are signed in with force_login: the conftest's secretariat and
drafters hold a TOTP authenticator, which is what their roles require (portal/rules.py).

Not covered, because they are not read pages: every POST-only address (comment_create,
comment_withdraw, amendment_decide, cosignature_decide, moderation_bulk, moderation_decide,
moderation_claim, membership_decide, organization_verify, provision_merge, provision_restore).
The Django admin (/admin/) and allauth's account screens (/accounts/) are third-party pages.

The harness is in harness.py (Page, measure, the check), the data in world.py (World, the
fixtures' people and texts) and in people.py, texts.py and taking_part.py (makers that grow
what each page lists).
"""
