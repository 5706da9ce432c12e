"""Writing many rows' changed columns at once, by primary key."""

from __future__ import annotations

from django.db import connection


def update_rows(model, rows: list, fields: tuple[str, ...]) -> None:
    """UPDATE each row's ``fields`` by primary key in one executemany.

    Django's bulk_update builds one CASE expression per row and field, which costs
    about a second for a department's two thousand indicators; a prepared UPDATE run
    for each row costs a few milliseconds, on SQLite and PostgreSQL alike.
    """
    if not rows:
        return
    meta = model._meta
    columns = [meta.get_field(name) for name in fields]
    assignments = ", ".join(f"{connection.ops.quote_name(c.column)} = %s" for c in columns)
    sql = f"UPDATE {connection.ops.quote_name(meta.db_table)} SET {assignments} WHERE id = %s"
    values = [
        [c.get_db_prep_save(getattr(row, c.attname), connection) for c in columns] + [row.pk]
        for row in rows
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, values)
