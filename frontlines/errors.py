"""One exception tree. Every error carries a stable code (``FL1xx`` input, ``FL2xx`` store,
``FL3xx`` pipeline/knowledge, ``FL4xx`` interface) so that users can look it up."""

from __future__ import annotations


class FrontlinesError(Exception):
    """Base of all errors raised by frontlines."""

    code = "FL000"

    def __init__(self, message: str, *, source: str | None = None) -> None:
        self.message = message
        self.source = source
        super().__init__(self.__str__())

    def __str__(self) -> str:
        where = f"{self.source}: " if self.source else ""
        return f"{where}{self.message} [{self.code}]"


class InputError(FrontlinesError):
    """An input file or record cannot be read as a document."""

    code = "FL100"


class EmptyInputError(InputError):
    code = "FL101"


class BinaryInputError(InputError):
    code = "FL102"


class OversizedInputError(InputError):
    code = "FL103"


class EncodingInputError(InputError):
    code = "FL104"


class MalformedInputError(InputError):
    code = "FL105"


class UnsupportedInputError(InputError):
    code = "FL106"


class StoreError(FrontlinesError):
    """The database cannot be opened, migrated or written."""

    code = "FL200"


class NotFoundError(StoreError):
    code = "FL204"


class PipelineError(FrontlinesError):
    """The NLP pipeline or a knowledge file cannot be loaded."""

    code = "FL300"


class KnowledgeError(PipelineError):
    """A curated data file (actors, places, triggers) is invalid."""

    code = "FL301"


class UsageError(FrontlinesError):
    """A command or request was given invalid arguments."""

    code = "FL400"
