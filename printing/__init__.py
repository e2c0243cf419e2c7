"""Documents (reportlab PDF), Code128 and QR codes, fonts, printer routing and the print archive.

Depends on the domain; never on ui or Qt widgets."""
