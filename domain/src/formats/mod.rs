//! Decoding of uploaded documents (.txt, .md, .docx, .pdf) into policy text.
