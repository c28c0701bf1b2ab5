-- export_manuscript also writes DOCX (standard manuscript) and EPUB 3: additive formats beyond the reference.
ALTER TABLE manuscript_exports
    DROP CONSTRAINT manuscript_exports_format_check,
    ADD CONSTRAINT manuscript_exports_format_check
        CHECK (export_format IN ('txt', 'md', 'rtf', 'standard_manuscript', 'docx', 'epub'));
