"""A fake Slack for tests, benchmarks and the local sandbox."""

from slackfake.fake import Call, FakeSlack, UploadedFile, validate_blocks, validate_metadata, validate_view

__all__ = ["Call", "FakeSlack", "UploadedFile", "validate_blocks", "validate_metadata", "validate_view"]
