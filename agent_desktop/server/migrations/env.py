"""Alembic environment for the server's schema.

Run through `Database.migrate()`, which hands us an open connection in
`config.attributes["connection"]`; there is no alembic.ini.
"""

from alembic import context

from agent_desktop.server.tables import Base

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata)
with context.begin_transaction():
    context.run_migrations()
