"""Stage 4, output: assemble each pack's files, lay out PDFs (in worker processes), and write
output/ atomically, reusing what the build cache says has not changed."""
