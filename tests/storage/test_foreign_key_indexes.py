"""Every foreign key of the tables that grow with a workspace (measures, their history, the
weekly sync prompts) is the leading column of an index, so deleting a parent row (``collab-bot
purge``) finds its children by the index instead of scanning the table once per deleted row."""

from __future__ import annotations

from sqlalchemy import inspect

from storage.db import make_engine, migrate

GROWING = ("measure", "measure_event", "sync_prompt", "sync_prompt_message", "sync_prompt_item", "problem")


def test_the_foreign_keys_of_growing_tables_lead_an_index(fresh_url: str) -> None:
    engine = make_engine(fresh_url)
    migrate(engine)
    schema = inspect(engine)
    missing = []
    for table in GROWING:
        leading = {i["column_names"][0] for i in schema.get_indexes(table)}
        leading |= {u["column_names"][0] for u in schema.get_unique_constraints(table)}
        missing += [
            f"{table}.{column}"
            for fk in schema.get_foreign_keys(table)
            for column in fk["constrained_columns"][:1]
            if column not in leading
        ]
    engine.dispose()
    assert missing == []
