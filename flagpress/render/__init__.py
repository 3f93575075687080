"""Stage 3, render: one Edition into every output (website, PDFs, feed)."""
