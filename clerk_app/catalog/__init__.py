"""The service catalog: catalog-changes import, search index, 情形 checklists, "一件事" bundles."""
