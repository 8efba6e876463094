"""What a build writes besides the documents: packets, checklist, redlines, PDFs, and the atomic write."""
