"""Loading a region's existing system leaders (its cadre of LLEs, SLEs, NLEs and NLGs) from the
spreadsheet it already keeps (issue 12, "Go-live for a real region", part 4).

- `columns`: the template's columns and the words each accepts;
- `values`: reading one cell's words into a role, phases, specialisms, a date (pure);
- `reading`: a CSV or XLSX file into rows of cells (pure);
- `context`: what the register already holds about the file's people, schools and alliances;
- `checking`: each row as created, updated, unchanged or refused, with reasons by row and column;
- `writing`: the import itself, all-or-nothing and re-runnable;
- `uploads`: the uploaded file kept between the check page and the confirmation."""
