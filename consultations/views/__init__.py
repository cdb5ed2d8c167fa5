"""The pages of taking part, one module per subject; thin: parse, check the permission, call a
service or a selector, render. consultations/urls.py maps addresses to them."""
