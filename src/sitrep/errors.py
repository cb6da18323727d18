"""Domain errors. Each message says what went wrong and what to do."""


class SitrepError(Exception):
    """Base class for every error sitrep raises on purpose."""


class InputError(SitrepError):
    """The input cannot be read as an article (empty, binary, malformed)."""


class ConfigError(SitrepError):
    """A setting is missing or wrong (bad database URL, missing data file)."""


class PipelineError(SitrepError):
    """A stage list is inconsistent or a stage broke its contract."""


class StoreError(SitrepError):
    """The database refused an operation."""


class InvalidDocumentError(StoreError):
    """A document breaks the store's rules (e.g. two events with one id): a stage bug."""


class NotFoundError(SitrepError):
    """A requested record does not exist."""


class FetchError(SitrepError):
    """A URL could not be fetched, or fetching it is not allowed."""
